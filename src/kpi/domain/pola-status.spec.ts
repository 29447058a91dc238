import { polaStatus, PolaStatusInput } from './pola-status';
import { PolaValue, TypedTarget } from './pola-types';
import { parseTypedTarget } from './typed-target';

const cell = (text: string) => parseTypedTarget(text) as TypedTarget;
const num = (value: number): PolaValue => ({ kind: 'number', value });
const presence = (present: boolean): PolaValue => ({ kind: 'presence', present });

const at = (over: Partial<PolaStatusInput>): PolaStatusInput => ({
  meta: { direction: 'increase', accrual: 'level' },
  baselineYear: 2020,
  baseline: null,
  target: null,
  value: null,
  year: 2022,
  referenceDate: '2022-12-31',
  ...over,
});

describe('status of a Part 4 indicator against its typed target', () => {
  it('laptops: 350 planned for 2022 from 236 in 2020; met, on track mid-year, behind', () => {
    const laptops = { baseline: cell('236'), target: cell('350') };
    expect(polaStatus(at({ ...laptops, value: num(360) }))).toEqual({ status: 'met', expected: 350 });
    expect(polaStatus(at({ ...laptops, value: num(340) }))).toEqual({ status: 'behind', expected: 350 });
    // 1 July 2022: the line from 236 (31/12/2020) to 350 (31/12/2022) stands near 321.
    const midYear = polaStatus(at({ ...laptops, value: num(330), referenceDate: '2022-07-01' }));
    expect(midYear.status).toBe('on_track');
    expect(midYear.expected).toBeCloseTo(321.3, 0);
  });

  it('training cost: a yearly sum starts from 0 on 1 January', () => {
    const cost = { meta: { direction: 'increase' as const, accrual: 'annual' as const }, baseline: cell('0'), target: cell('2.500') };
    expect(polaStatus(at({ ...cost, value: num(1300), referenceDate: '2022-07-01' })).status).toBe('on_track');
    expect(polaStatus(at({ ...cost, value: num(1300) })).status).toBe('behind');
  });

  it('absences below 18%: met, not met at year end, behind while the year runs', () => {
    const absences = { meta: { direction: 'decrease' as const, accrual: 'level' as const }, baseline: cell('18,77%'), target: cell('<18%') };
    expect(polaStatus(at({ ...absences, value: num(17.2) }))).toEqual({ status: 'met', expected: null });
    expect(polaStatus(at({ ...absences, value: num(18) })).status).toBe('not_met');
    expect(polaStatus(at({ ...absences, value: num(18.4), referenceDate: '2022-05-10' })).status).toBe('behind');
  });

  it('presence: si met by a present value, not met by an absent one at year end', () => {
    expect(polaStatus(at({ target: cell('presente'), value: presence(true) })).status).toBe('met');
    expect(polaStatus(at({ target: cell('si'), value: presence(false) })).status).toBe('not_met');
    expect(polaStatus(at({ target: cell('si'), value: presence(false), referenceDate: '2022-03-01' })).status).toBe('behind');
  });

  it('n.d, no target, and a never-measured figure give no_target whatever the value', () => {
    expect(polaStatus(at({ target: cell('n.d'), value: num(80) })).status).toBe('no_target');
    expect(polaStatus(at({ target: null, value: num(80) })).status).toBe('no_target');
    expect(polaStatus(at({ target: cell('non rilevata') })).status).toBe('no_target');
  });

  it('an action (start the survey) is required until a value shows it was done', () => {
    expect(polaStatus(at({ target: cell('Attivare rilevazione') })).status).toBe('action_required');
    expect(polaStatus(at({ target: cell('Attivare rilevazione'), value: num(72) })).status).toBe('met');
  });

  it('a target without a value is no_data', () => {
    expect(polaStatus(at({ target: cell('95%') })).status).toBe('no_data');
    expect(polaStatus(at({ target: cell('si') })).status).toBe('no_data');
    expect(polaStatus(at({ target: cell('<18%') })).status).toBe('no_data');
  });
});
