import { addDays, calendarDate } from '../../common/clock';
import { RuleViolation, ValidationFailed } from '../../common/errors/domain-error';

/**
 * The moment an indicator of year Y describes (SPEC §2): the end of 31 December of Y in the municipality's time
 * zone, or "now" while Y is the current year. Queries compare calendar dates (handover dates, agreement periods)
 * with `date` and instants (returns, signatures, deactivations) with `cutoff`: an event counts as having happened
 * by the reference date when its instant is before `cutoff`.
 */
export interface ReferencePoint {
  year: number;
  /** YYYY-MM-DD: 31 December, or today for the current year. */
  date: string;
  /** 1 January of the year (YYYY-MM-DD): the start of yearly sums (investment, equipment handed out). */
  yearStart: string;
  /** ISO-8601 UTC instant, exclusive: local midnight after `date`, or now for the current year. */
  cutoff: string;
  current: boolean;
}

export const MIN_KPI_YEAR = 2000;

/** The UTC instant at which a calendar day starts in a time zone (handles daylight-saving changes). */
export function startOfDayInstant(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guess may differ from the offset at the answer around a DST change.
  let instant = guess - zoneOffsetMs(new Date(guess), timeZone);
  instant = guess - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

export function assertKpiYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < MIN_KPI_YEAR || year > 9999) {
    throw new ValidationFailed([{ field, messages: [`${field} must be a year from ${MIN_KPI_YEAR}`] }], `The ${field} is not valid`, 'INVALID_YEAR');
  }
}

export function currentYear(now: Date, timeZone: string): number {
  return Number(calendarDate(now, timeZone).slice(0, 4));
}

/** The reference point of `year`; a year that has not started yet has none (422 KPI_YEAR_IN_FUTURE). */
export function referencePoint(year: number, now: Date, timeZone: string): ReferencePoint {
  assertKpiYear(year);
  const today = calendarDate(now, timeZone);
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) {
    throw new RuleViolation('KPI_YEAR_IN_FUTURE', `Indicators for ${year} cannot be measured before the year starts`, { year, currentYear: thisYear });
  }
  const current = year === thisYear;
  const date = current ? today : `${year}-12-31`;
  return {
    year,
    date,
    yearStart: `${year}-01-01`,
    cutoff: current ? now.toISOString() : startOfDayInstant(addDays(date, 1), timeZone).toISOString(),
    current,
  };
}
