import { centsToEuros } from '../../common/money';
import { elapsedFraction, expectedValue, indicatorStatus, percent, StatusInput } from './indicator-status';

/** Laptops for remote work (POLA Part 4): 236 at the end of 2020, 300 / 350 / 400 targets for 2021-2023. */
const laptops = (over: Partial<StatusInput>): StatusInput => ({
  value: 0,
  target: 350,
  baseline: { year: 2020, value: 236 },
  direction: 'increase',
  accrual: 'level',
  year: 2022,
  referenceDate: '2022-12-31',
  ...over,
});

describe('status of an indicator against its target', () => {
  it('a past year is met or behind: on 31 December the line has reached the target', () => {
    expect(indicatorStatus(laptops({ value: 351 }))).toEqual({ status: 'met', expected: 350 });
    expect(indicatorStatus(laptops({ value: 350 }))).toEqual({ status: 'met', expected: 350 });
    expect(indicatorStatus(laptops({ value: 349 }))).toEqual({ status: 'behind', expected: 350 });
  });

  it('during the year, on track means at least where the straight line from the baseline stands today', () => {
    // 2020-12-31 → 2022-12-31 is 730 days; 2022-07-02 is day 548: 236 + 114 × 548/730 = 321.58
    const midYear = laptops({ referenceDate: '2022-07-02' });
    expect(expectedValue(midYear)).toBe(321.58);
    expect(indicatorStatus({ ...midYear, value: 322 })).toEqual({ status: 'on_track', expected: 321.58 });
    expect(indicatorStatus({ ...midYear, value: 321 })).toEqual({ status: 'behind', expected: 321.58 });
    expect(indicatorStatus({ ...midYear, value: 360 })).toEqual({ status: 'met', expected: 321.58 });
  });

  it('a yearly sum (investment) starts from zero on 1 January', () => {
    const investment: StatusInput = {
      value: 40_000,
      target: 100_000,
      baseline: { year: 2020, value: 30_000 },
      direction: 'increase',
      accrual: 'annual',
      year: 2021,
      referenceDate: '2021-05-31', // day 151 of 365
    };
    expect(expectedValue(investment)).toBe(41_369.86);
    expect(indicatorStatus(investment).status).toBe('behind');
    expect(indicatorStatus({ ...investment, value: 41_400 }).status).toBe('on_track');
    expect(indicatorStatus({ ...investment, referenceDate: '2021-01-01', value: 274 }).status).toBe('on_track'); // 100000/365 = 273.97
  });

  it('lower is better for a decreasing indicator', () => {
    // 2021-03-14 is 73 of 365 days along: 10 − 10 × 0.2 = 8
    const leavers: StatusInput = {
      value: 3,
      target: 0,
      baseline: { year: 2020, value: 10 },
      direction: 'decrease',
      accrual: 'level',
      year: 2021,
      referenceDate: '2021-03-14',
    };
    expect(indicatorStatus(leavers)).toEqual({ status: 'on_track', expected: 8 });
    expect(indicatorStatus({ ...leavers, value: 9 }).status).toBe('behind');
    expect(indicatorStatus({ ...leavers, value: 0 }).status).toBe('met');
  });

  it('no target, no status; a target for the baseline year itself is read as reached by 31 December', () => {
    expect(indicatorStatus(laptops({ target: null, value: 400 }))).toEqual({ status: null, expected: null });
    expect(indicatorStatus(laptops({ value: null }))).toEqual({ status: null, expected: 350 });
    expect(indicatorStatus(laptops({ year: 2020, target: 236, referenceDate: '2020-06-30', value: 200 })).status).toBe('behind');
    expect(indicatorStatus(laptops({ baseline: null, referenceDate: '2022-03-01', value: 349 })).status).toBe('behind');
  });

  it('fractions, percentages and euros', () => {
    expect(elapsedFraction('2020-12-31', '2021-12-31', '2020-06-30')).toBe(0);
    expect(elapsedFraction('2020-12-31', '2021-12-31', '2022-06-30')).toBe(1);
    expect(elapsedFraction('2021-12-31', '2021-12-31', '2021-12-31')).toBe(1);
    expect(percent(521, 548)).toBe(95.1);
    expect(percent(1, 3, 2)).toBe(33.33);
    expect(percent(5, 0)).toBeNull();
    expect(centsToEuros(3_000_000)).toBe(30_000);
    expect(centsToEuros(12_345)).toBe(123.45);
  });
});
