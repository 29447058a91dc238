import type { AccountState } from './account-lifecycle';

/**
 * Renewal (SPEC §2): a daily run gives accounts in use a new certificate for the same public key some days before
 * the current one expires — the key never leaves the laptop, so nothing has to be generated or installed but the
 * new certificate — and, after a grace period in which both work (the laptop picks the new profile up), revokes
 * the old one as `superseded`.
 */
export interface RenewalPolicy {
  renewBeforeDays: number;
  supersedeGraceDays: number;
}

const DAY_MS = 86_400_000;

/** Accounts in these states are renewed: the certificate is on a laptop that is (or is about to be) in use. */
export const RENEWED_STATES: readonly AccountState[] = ['installed', 'active'];

/** Certificates whose notAfter is at or before this instant are due for renewal. */
export function renewalHorizon(now: Date, policy: RenewalPolicy): string {
  return new Date(now.getTime() + policy.renewBeforeDays * DAY_MS).toISOString();
}

export function isRenewalDue(state: AccountState, notAfter: string | null, pendingSupersede: string | null, now: Date, policy: RenewalPolicy): boolean {
  // One renewal at a time: while the previous certificate waits out its grace period the account is not renewed again.
  if (!RENEWED_STATES.includes(state) || !notAfter || pendingSupersede) return false;
  return notAfter <= renewalHorizon(now, policy);
}

/** When the replaced certificate is revoked as superseded. */
export function supersedeAt(now: Date, policy: RenewalPolicy): string {
  return new Date(now.getTime() + policy.supersedeGraceDays * DAY_MS).toISOString();
}

export function isSupersedeDue(supersedeAfter: string | null, now: Date): boolean {
  return supersedeAfter !== null && supersedeAfter <= now.toISOString();
}
