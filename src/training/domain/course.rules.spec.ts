import { courseProblems, hotlineCourseKey, hoursToHundredths, isRefused, planParticipants } from './course.rules';

const calendar = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const draft = { title: 'Smart working sicuro', kind: 'remote_work' as const, date: '2022-03-15', hours: 4.5, provider: 'Formez PA', costCents: 120000 };

describe('a training course', () => {
  it('stores hours in hundredths and refuses zero, negative, more than two decimals or too many hours', () => {
    expect(hoursToHundredths(0.5)).toBe(50);
    expect(hoursToHundredths(4.25)).toBe(425);
    expect(hoursToHundredths(0)).toBeNull();
    expect(hoursToHundredths(-1)).toBeNull();
    expect(hoursToHundredths(1.234)).toBeNull();
    expect(hoursToHundredths(1001)).toBeNull();
    expect(hoursToHundredths(Number.NaN)).toBeNull();
  });

  it('is valid with a title, a provider, a calendar date, hours and a cost of zero or more', () => {
    expect(courseProblems(draft, calendar)).toEqual([]);
    expect(courseProblems({ ...draft, costCents: 0 }, calendar)).toEqual([]);
  });

  it('names every field that is wrong', () => {
    const problems = courseProblems({ ...draft, title: '  ', provider: '', date: '2022-02-30', hours: 0, costCents: -1 }, calendar);
    expect(problems.map((p) => p.field)).toEqual(['title', 'provider', 'date', 'hours', 'costCents']);
  });
});

describe('adding participants, all or nothing', () => {
  const people = [
    { id: 'a', active: true, name: 'Anna' },
    { id: 'b', active: true, name: 'Bruno' },
    { id: 'c', active: false, name: 'Carla (cessata)' },
  ];

  it('adds new people once, keeps those already in, updates a changed attendance', () => {
    const plan = planParticipants(['a', 'a', 'b'], people, new Map([['b', false]]), true);
    expect(plan).toMatchObject({ add: ['a'], update: ['b'], unchanged: [], unknown: [], inactive: [] });
    expect(isRefused(plan)).toBe(false);
    expect(planParticipants(['b'], people, new Map([['b', true]]), true).unchanged).toEqual(['b']);
  });

  it('refuses the whole request for an unknown or inactive employee, naming them', () => {
    const plan = planParticipants(['a', 'x', 'c'], [...people, { id: 'x', active: null }], new Map(), true);
    expect(isRefused(plan)).toBe(true);
    expect(plan.unknown).toEqual(['x']);
    expect(plan.inactive).toEqual([{ id: 'c', name: 'Carla (cessata)' }]);
  });

  it('lets an employee who left stay in a course taken before leaving', () => {
    const plan = planParticipants(['c'], people, new Map([['c', true]]), true);
    expect(isRefused(plan)).toBe(false);
    expect(plan.unchanged).toEqual(['c']);
  });
});

describe("the hot-line's mini-training", () => {
  it('has one course per day', () => {
    expect(hotlineCourseKey('2022-05-03')).toBe('hotline-mini:2022-05-03');
    expect(hotlineCourseKey('2022-05-03')).not.toBe(hotlineCourseKey('2022-05-04'));
  });
});
