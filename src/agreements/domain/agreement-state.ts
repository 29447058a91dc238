import { Conflict } from '../../common/errors/domain-error';

/**
 * draft → (awaiting_confirmation) → signed → active ⇄ suspended → withdrawn | expired.
 * `awaiting_confirmation`: both signatures recorded, but the counterpart's was recorded from paper by someone
 * other than the countersigner and awaits a second person's confirmation (domain/countersignature.policy.ts);
 * set aside, it goes back to `draft`.
 * `signed`: both parties signed, start date not reached yet. Signing on or after the start date goes straight
 * to `active` (nobody should wait for the night's sweep to start working remotely).
 */
export const AGREEMENT_STATES = ['draft', 'awaiting_confirmation', 'signed', 'active', 'suspended', 'withdrawn', 'expired'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const TERMINAL_STATES: readonly AgreementState[] = ['withdrawn', 'expired'];
/** Signed by both parties and not ended: the states whose date range is reserved for the employee. */
export const BINDING_STATES: readonly AgreementState[] = ['signed', 'active', 'suspended'];
/** Not signed by both yet (as far as the rules count): the terms may still change hands, nothing is binding. */
export const UNSIGNED_STATES: readonly AgreementState[] = ['draft', 'awaiting_confirmation'];

const TRANSITIONS: Record<AgreementState, readonly AgreementState[]> = {
  draft: ['awaiting_confirmation', 'signed', 'active'],
  awaiting_confirmation: ['signed', 'active', 'draft'],
  signed: ['active', 'withdrawn', 'expired'],
  active: ['suspended', 'withdrawn', 'expired'],
  suspended: ['active', 'withdrawn', 'expired'],
  withdrawn: [],
  expired: [],
};

export function canTransition(from: AgreementState, to: AgreementState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: AgreementState, to: AgreementState): void {
  if (!canTransition(from, to)) {
    throw new Conflict('AGREEMENT_STATE_CONFLICT', `An agreement in state ${from} cannot become ${to}`, { from, to });
  }
}

export function isTerminal(state: AgreementState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function isUnsigned(state: AgreementState): boolean {
  return UNSIGNED_STATES.includes(state);
}
