import { Conflict } from '../../common/errors/domain-error';

/**
 * A VPN account: requested → approved → issued → installed → active ⇄ suspended → revoked (SPEC §2).
 *
 * - approved: the gate passed and the account was placed on a gateway of its profile; it waits for a certificate.
 * - issued: a station certificate bound to one laptop exists; the profile (.ovpn) can be downloaded.
 * - installed: the hot-line confirmed the profile is installed on the laptop.
 * - active: the user is in the directory VPN group; the gateway lets them in.
 * - suspended: reversible stop (hot-line, the agreement's suspension, or offboarding); the certificate is on a hold
 *   only the account's resumption lifts, or revoked by offboarding.
 * - revoked: final; every certificate of the account is revoked.
 *
 * Directory VPN-group membership follows exactly one rule: an employee belongs to the group while one of their
 * accounts is `active`.
 */
export const ACCOUNT_STATES = ['requested', 'approved', 'issued', 'installed', 'active', 'suspended', 'revoked'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const ACCOUNT_ACTIONS = ['approve', 'issue', 'install', 'activate', 'suspend', 'resume', 'revoke'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** States in which the account holds a certificate that lets (or will let) the laptop in. */
export const CERTIFIED_STATES: readonly AccountState[] = ['issued', 'installed', 'active'];
/** Every state but the final one: at most one such account per employee and profile. */
export const OPEN_STATES: readonly AccountState[] = ['requested', 'approved', 'issued', 'installed', 'active', 'suspended'];
/** States whose expected sessions count against a gateway when placing the next account (it is on its way). */
export const PLACEMENT_LOAD_STATES: readonly AccountState[] = ['approved', 'issued', 'installed', 'active'];
/** States whose expected sessions make the reported peak: a certificate exists and is not suspended. */
export const PEAK_LOAD_STATES: readonly AccountState[] = ['issued', 'installed', 'active'];

const FROM: Record<AccountAction, readonly AccountState[]> = {
  approve: ['requested'],
  // A replacement certificate (another laptop, a lost one-time password) is issued from any certified state.
  issue: ['approved', 'issued', 'installed', 'active'],
  install: ['issued'],
  activate: ['installed'],
  suspend: ['requested', 'approved', 'issued', 'installed', 'active'],
  resume: ['suspended'],
  revoke: OPEN_STATES,
};

/** Actions that give (or give back) access: each runs the provisioning gate inside its transaction. */
export const GATED_ACTIONS: readonly AccountAction[] = ['approve', 'issue', 'activate', 'resume'];

export function isAccountState(value: unknown): value is AccountState {
  return typeof value === 'string' && (ACCOUNT_STATES as readonly string[]).includes(value);
}

export function allowedFrom(action: AccountAction): readonly AccountState[] {
  return FROM[action];
}

export function canApply(state: AccountState, action: AccountAction): boolean {
  return FROM[action].includes(state);
}

/** 409 VPN_ACCOUNT_STATE_CONFLICT when the action does not apply to the state. */
export function assertCanApply(state: AccountState, action: AccountAction): void {
  if (!canApply(state, action)) {
    throw new Conflict('VPN_ACCOUNT_STATE_CONFLICT', `A VPN account in state ${state} cannot be ${pastTense(action)}`, {
      state,
      action,
      allowedFrom: [...FROM[action]],
    });
  }
}

function pastTense(action: AccountAction): string {
  return {
    approve: 'approved',
    issue: 'issued a certificate',
    install: 'marked installed',
    activate: 'activated',
    suspend: 'suspended',
    resume: 'resumed',
    revoke: 'revoked',
  }[action];
}

/** The state an action leads to (resume: see `resumeTarget`). */
export function targetOf(action: Exclude<AccountAction, 'resume'>): AccountState {
  return ({ approve: 'approved', issue: 'issued', install: 'installed', activate: 'active', suspend: 'suspended', revoke: 'revoked' } as const)[action];
}

/** What the account's current certificate is, as far as resuming is concerned. */
export type CertificateStanding = 'valid' | 'on_hold' | 'none';

/**
 * Where a suspended account goes back to. It returns to the state it was suspended from when its certificate
 * can come back (held, or still valid); when the certificate is gone (offboarding revoked it, the laptop was
 * stolen meanwhile) it returns to `approved` and waits for a new certificate. A request goes back to requested.
 */
export function resumeTarget(suspendedFrom: AccountState | null, certificate: CertificateStanding): AccountState {
  if (suspendedFrom === 'requested') return 'requested';
  if (suspendedFrom === 'approved' || suspendedFrom === null) return 'approved';
  if (CERTIFIED_STATES.includes(suspendedFrom) && certificate !== 'none') return suspendedFrom;
  return 'approved';
}

/** Resuming to `requested` gives nothing back, so only resumes to later states are gated. */
export function resumeIsGated(target: AccountState): boolean {
  return target !== 'requested';
}

/** Group membership follows `active`: what a state change means for the directory VPN group. */
export function groupChange(from: AccountState, to: AccountState): 'add' | 'remove' | null {
  if (from !== 'active' && to === 'active') return 'add';
  if (from === 'active' && to !== 'active') return 'remove';
  return null;
}

/**
 * The account's certificate was revoked outside the account's own flows (a laptop reported lost or stolen, or
 * returned to inventory, or a revocation through /certificates/:serial/revoke). A certified account falls back to `approved` and waits
 * for a new certificate for another laptop; a suspended one stays suspended, without a certificate to give back.
 */
export function afterCertificateLost(state: AccountState): AccountState {
  return CERTIFIED_STATES.includes(state) ? 'approved' : state;
}

/**
 * Why an account is suspended: the hot-line (or an admin) for a reason of its own, the suspension of the employee's
 * agreement (remote work paused), or offboarding (agreement ended, person left). The cause decides who may bring it
 * back without the hot-line: an agreement's resumption resumes only the accounts its own suspension stopped.
 */
export const SUSPENSION_CAUSES = ['operator', 'agreement', 'offboarding'] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

/** What an account's suspension records: its state, and why (with the agreement for an agreement's suspension). */
export interface SuspensionRecord {
  state: AccountState;
  suspensionCause: SuspensionCause | null;
  suspensionAgreementId: string | null;
}

/** The agreement is suspended: the account stops too, unless it already is stopped (suspended, revoked). */
export function suspendedByAgreement(state: AccountState): boolean {
  return canApply(state, 'suspend');
}

/**
 * The agreement is resumed: only the accounts its suspension stopped come back (through the gate). One the hot-line
 * had suspended for its own reason, before or alongside, stays suspended.
 */
export function resumedByAgreement(account: SuspensionRecord, agreementId: string): boolean {
  return account.state === 'suspended' && account.suspensionCause === 'agreement' && account.suspensionAgreementId === agreementId;
}

/** RFC 5280 reason for the certificates of a person being offboarded (SPEC §2 "The gate"). */
export function offboardingRevocationReason(trigger: 'agreement_ended' | 'left_directory'): 'affiliationChanged' | 'cessationOfOperation' {
  return trigger === 'agreement_ended' ? 'affiliationChanged' : 'cessationOfOperation';
}
