import { FixedClock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { referencePoint, startOfDayInstant } from './reference-date';

const ROME = 'Europe/Rome';

describe('the reference point of a year', () => {
  const clock = new FixedClock(new Date('2022-06-15T08:30:00Z'));

  it('a past year is measured at the end of 31 December, Rome time (23:00 UTC in winter)', () => {
    expect(referencePoint(2021, clock.now(), ROME)).toEqual({
      year: 2021,
      date: '2021-12-31',
      yearStart: '2021-01-01',
      cutoff: '2021-12-31T23:00:00.000Z',
      current: false,
    });
  });

  it('the current year is measured today, up to now', () => {
    expect(referencePoint(2022, clock.now(), ROME)).toEqual({
      year: 2022,
      date: '2022-06-15',
      yearStart: '2022-01-01',
      cutoff: '2022-06-15T08:30:00.000Z',
      current: true,
    });
  });

  it('"today" follows the municipality: at 23:30 UTC on 31 December it is already next year in Rome', () => {
    const newYear = new FixedClock(new Date('2021-12-31T23:30:00Z'));
    const ref = referencePoint(2022, newYear.now(), ROME);
    expect(ref).toMatchObject({ date: '2022-01-01', current: true });
    expect(referencePoint(2021, newYear.now(), ROME)).toMatchObject({ date: '2021-12-31', current: false, cutoff: '2021-12-31T23:00:00.000Z' });
  });

  it('a year that has not begun has no reference point', () => {
    let error: unknown;
    try {
      referencePoint(2023, clock.now(), ROME);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('KPI_YEAR_IN_FUTURE');
    expect(() => referencePoint(1999, clock.now(), ROME)).toThrow('year');
    expect(() => referencePoint(2021.5, clock.now(), ROME)).toThrow('year');
  });

  it('local midnight is found across daylight-saving time', () => {
    expect(startOfDayInstant('2021-07-01', ROME).toISOString()).toBe('2021-06-30T22:00:00.000Z');
    expect(startOfDayInstant('2021-03-28', ROME).toISOString()).toBe('2021-03-27T23:00:00.000Z'); // the night clocks go forward
    expect(startOfDayInstant('2021-03-29', ROME).toISOString()).toBe('2021-03-28T22:00:00.000Z');
    expect(startOfDayInstant('2021-10-31', ROME).toISOString()).toBe('2021-10-30T22:00:00.000Z'); // the night clocks go back
    expect(startOfDayInstant('2021-11-01', ROME).toISOString()).toBe('2021-10-31T23:00:00.000Z');
    expect(startOfDayInstant('2021-11-01', 'UTC').toISOString()).toBe('2021-11-01T00:00:00.000Z');
  });
});
