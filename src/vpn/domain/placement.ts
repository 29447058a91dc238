import { RuleViolation } from '../../common/errors/domain-error';

/**
 * Expected concurrent load (SPEC §2). On a given working day an employee with an agreement for d remote days a
 * week works remotely with probability p = d / 5, and then holds one VPN session. So the sessions a gateway
 * carries on a day are a sum of independent Bernoulli(p) draws: expected value Σp, variance Σp(1-p). Placement
 * balances Σp against capacity; the report adds a 95th percentile (normal approximation) so that a gateway
 * whose mean fits but whose bad days do not is flagged too.
 *
 * Sums are kept in whole remote days (p × 5) so that placement decisions never depend on float rounding.
 */
export const WORKING_DAYS_PER_WEEK = 5;
const Z95 = 1.6449; // one-sided 95% quantile of the standard normal

export function clampRemoteDays(remoteDaysPerWeek: number | null | undefined): number {
  if (remoteDaysPerWeek === null || remoteDaysPerWeek === undefined || !Number.isFinite(remoteDaysPerWeek)) return 0;
  return Math.min(WORKING_DAYS_PER_WEEK, Math.max(0, Math.round(remoteDaysPerWeek)));
}

/** The chance this account holds a session on a given working day. */
export function expectedSessions(remoteDaysPerWeek: number | null | undefined): number {
  return clampRemoteDays(remoteDaysPerWeek) / WORKING_DAYS_PER_WEEK;
}

export interface GatewayCandidate {
  id: string;
  name: string;
  capacity: number;
  enabled: boolean;
  /** Σ remote days of the accounts already placed on it that count (approved … active). */
  placedRemoteDays: number;
}

function ratio(remoteDays: number, capacity: number): number {
  return remoteDays / (capacity * WORKING_DAYS_PER_WEEK);
}

/**
 * The gateway with the lowest (load + this account) / capacity among the enabled ones of the profile. Ties go to
 * the one with more spare sessions, then by name, so the choice is deterministic. 422 NO_GATEWAY_FOR_PROFILE when
 * the profile has no enabled gateway with capacity.
 */
export function chooseGateway(candidates: readonly GatewayCandidate[], remoteDaysPerWeek: number, profile = ''): GatewayCandidate {
  const days = clampRemoteDays(remoteDaysPerWeek);
  const usable = candidates.filter((g) => g.enabled && g.capacity > 0);
  if (usable.length === 0) {
    throw new RuleViolation('NO_GATEWAY_FOR_PROFILE', `No enabled gateway serves the VPN profile ${profile || '(unknown)'}`, { profile });
  }
  let best = usable[0];
  for (const g of usable.slice(1)) {
    const a = ratio(g.placedRemoteDays + days, g.capacity);
    const b = ratio(best.placedRemoteDays + days, best.capacity);
    if (a < b - 1e-12) best = g;
    else if (Math.abs(a - b) <= 1e-12) {
      const spareA = g.capacity * WORKING_DAYS_PER_WEEK - g.placedRemoteDays;
      const spareB = best.capacity * WORKING_DAYS_PER_WEEK - best.placedRemoteDays;
      if (spareA > spareB || (spareA === spareB && g.name < best.name)) best = g;
    }
  }
  return best;
}

/** Places several accounts in order (a bulk onboarding), each seeing the ones placed before it. */
export function placeAll(candidates: readonly GatewayCandidate[], remoteDays: readonly number[], profile = ''): string[] {
  const working = candidates.map((c) => ({ ...c }));
  return remoteDays.map((d) => {
    const chosen = chooseGateway(working, d, profile);
    chosen.placedRemoteDays += clampRemoteDays(d);
    return chosen.id;
  });
}

/** Accounts of one gateway grouped by their remote days per week (what SQL returns: GROUP BY remote days). */
export interface LoadBucket {
  remoteDaysPerWeek: number;
  accounts: number;
}

export interface ExpectedLoad {
  /** Σp: the expected number of concurrent sessions on a working day. */
  expectedSessions: number;
  /** Expected + 1.645σ, rounded up: the sessions a gateway should be ready for on 19 days out of 20. */
  peakSessions95: number;
}

export function expectedLoad(buckets: readonly LoadBucket[]): ExpectedLoad {
  let mean = 0;
  let variance = 0;
  for (const b of buckets) {
    const p = expectedSessions(b.remoteDaysPerWeek);
    mean += b.accounts * p;
    variance += b.accounts * p * (1 - p);
  }
  return { expectedSessions: round1(mean), peakSessions95: Math.ceil(mean + Z95 * Math.sqrt(variance) - 1e-9) };
}

export interface GatewayUtilisation {
  utilisationPercent: number;
  warning: string | null;
}

/** Expected sessions against capacity; a warning past the threshold or when the 95th percentile exceeds capacity. */
export function utilisation(load: ExpectedLoad, capacity: number, warningThresholdPercent: number): GatewayUtilisation {
  const percent = capacity > 0 ? round1((load.expectedSessions / capacity) * 100) : load.expectedSessions > 0 ? Infinity : 0;
  const warnings: string[] = [];
  if (capacity <= 0 && load.expectedSessions > 0) warnings.push('sessions are expected on a gateway without capacity');
  else if (percent >= warningThresholdPercent) warnings.push(`expected sessions at ${percent}% of capacity (threshold ${warningThresholdPercent}%)`);
  if (capacity > 0 && load.peakSessions95 > capacity) warnings.push(`95th percentile of ${load.peakSessions95} sessions exceeds the capacity of ${capacity}`);
  return { utilisationPercent: Number.isFinite(percent) ? percent : 100, warning: warnings.length ? warnings.join('; ') : null };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
