/** The published CRL as the database records it. */
export interface CrlState {
  crlNumber: number;
  /** Bumped by every change of certificate status. */
  revision: number;
  /** The revision the published CRL reflects. */
  builtRevision: number;
  caFingerprint: string | null;
  thisUpdate: string | null;
  nextUpdate: string | null;
}

export type RebuildReason = 'missing' | 'ca-changed' | 'revocations' | 'aged' | 'expiring';

export interface RebuildPolicy {
  caFingerprint: string;
  now: Date;
  /** Rebuild a CRL at least this old even with nothing new (schedules refresh thisUpdate/nextUpdate). */
  maxAgeMs: number;
  /** Rebuild when less than this remains before nextUpdate. */
  minRemainingMs: number;
}

/**
 * Why the CRL must be rebuilt now, or null when the published one is good. Gateways (OpenVPN) refuse every
 * client once nextUpdate has passed, so staleness is a reason on its own, not only new revocations.
 */
export function rebuildReason(state: CrlState | null, policy: RebuildPolicy): RebuildReason | null {
  if (!state || !state.thisUpdate || !state.nextUpdate) return 'missing';
  if (state.caFingerprint !== policy.caFingerprint) return 'ca-changed';
  if (state.revision !== state.builtRevision) return 'revocations';
  const now = policy.now.getTime();
  if (Date.parse(state.nextUpdate) - now < policy.minRemainingMs) return 'expiring';
  if (now - Date.parse(state.thisUpdate) >= policy.maxAgeMs) return 'aged';
  return null;
}

export interface CrlHealth {
  ageSeconds: number;
  secondsToNextUpdate: number;
  /** Less than the alert margin remains before nextUpdate (or it has passed): gateways are about to lock out. */
  alert: boolean;
}

export function crlHealth(thisUpdate: string, nextUpdate: string, now: Date, alertMarginMs: number): CrlHealth {
  const ageSeconds = Math.max(0, Math.floor((now.getTime() - Date.parse(thisUpdate)) / 1000));
  const secondsToNextUpdate = Math.floor((Date.parse(nextUpdate) - now.getTime()) / 1000);
  return { ageSeconds, secondsToNextUpdate, alert: secondsToNextUpdate * 1000 < alertMarginMs };
}
