import { addDays, calendarDate, isCalendarDate } from './clock';

describe('calendar dates', () => {
  it('decides today in the municipality time zone, not UTC', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Rome.
    expect(calendarDate(new Date('2021-12-31T23:30:00Z'), 'Europe/Rome')).toBe('2022-01-01');
    expect(calendarDate(new Date('2021-12-31T23:30:00Z'), 'UTC')).toBe('2021-12-31');
  });
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 30)).toBe('2024-01-30');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
  });
  it('refuses impossible dates', () => {
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-2-9')).toBe(false);
  });
});
