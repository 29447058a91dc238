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

/**
 * What a clerk does to an agreement, and the states it may be done in. Some move it along the machine above at
 * once (resume: suspended → active), some may leave it where it is (a withdrawal notified ahead of its effective
 * date, a safety notice, a signature that still awaits the other one): the state guard of every action lives here.
 */
const ACTIONS = {
  sign: { from: ['draft'], refused: (s: AgreementState) => `The agreement is ${s}, not a draft awaiting signatures` },
  withdraw: { from: reachableFrom('withdrawn'), refused: (s: AgreementState) => `An agreement in state ${s} cannot be withdrawn` },
  resume: { from: ['suspended'], refused: () => 'Only a suspended agreement can be resumed' },
  recordSafetyNotice: { from: AGREEMENT_STATES.filter((s) => !TERMINAL_STATES.includes(s)), refused: (s: AgreementState) => `The agreement is ${s}` },
} satisfies Record<string, { from: readonly AgreementState[]; refused: (state: AgreementState) => string }>;
export type AgreementAction = keyof typeof ACTIONS;

function reachableFrom(to: AgreementState): AgreementState[] {
  return AGREEMENT_STATES.filter((from) => canTransition(from, to));
}

export function mayDo(action: AgreementAction, state: AgreementState): boolean {
  return (ACTIONS[action].from as readonly AgreementState[]).includes(state);
}

/** 409 AGREEMENT_STATE_CONFLICT when the action may not be done in this state. */
export function assertMayDo(action: AgreementAction, state: AgreementState): void {
  if (!mayDo(action, state)) throw new Conflict('AGREEMENT_STATE_CONFLICT', ACTIONS[action].refused(state), { state, action });
}

/** What to record when an agreement goes from `from` to `to`: nothing when it stays, else the state the machine allows. */
export function stateChange(from: AgreementState, to: AgreementState): { state?: AgreementState } {
  if (from === to) return {};
  assertTransition(from, to);
  return { state: to };
}

export function isTerminal(state: AgreementState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function isUnsigned(state: AgreementState): boolean {
  return UNSIGNED_STATES.includes(state);
}
