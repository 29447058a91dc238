import { Conflict } from '../../common/errors/domain-error';

/**
 * draft → signed → active ⇄ suspended → withdrawn | expired.
 * `signed`: both parties signed, start date not reached yet. Signing on or after the start date goes straight
 * to `active` (nobody should wait for the night's sweep to start working remotely).
 */
export const AGREEMENT_STATES = ['draft', 'signed', 'active', 'suspended', 'withdrawn', 'expired'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const TERMINAL_STATES: readonly AgreementState[] = ['withdrawn', 'expired'];
/** Signed by both parties and not ended: the states whose date range is reserved for the employee. */
export const BINDING_STATES: readonly AgreementState[] = ['signed', 'active', 'suspended'];

const TRANSITIONS: Record<AgreementState, readonly AgreementState[]> = {
  draft: ['signed', 'active'],
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
