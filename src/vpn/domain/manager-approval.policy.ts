import { RuleViolation } from '../../common/errors/domain-error';
import { AccountState } from './account-lifecycle';

/**
 * The manager's step (VPN_MANAGER_APPROVAL=true): a requested account needs the approval of the manager of the
 * employee's service before the hot-line's approval (and its placement) may go ahead. One decision per account,
 * final: a refusal blocks the request — the hot-line cannot approve it and ends it with its own revocation, after
 * which a new request starts again from the manager. With the step off nothing here is asked.
 */
export const MANAGER_DECISIONS = ['approved', 'refused'] as const;
export type ManagerDecision = (typeof MANAGER_DECISIONS)[number];

export interface RecordedManagerDecision {
  decision: ManagerDecision;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
}

/** 422 MANAGER_APPROVAL_PENDING / MANAGER_APPROVAL_REFUSED when the step is on and the manager has not approved. */
export function assertManagerApproved(stepOn: boolean, recorded: RecordedManagerDecision | null): void {
  if (!stepOn) return;
  if (recorded === null) throw new RuleViolation('MANAGER_APPROVAL_PENDING', "The manager of the employee's service has not approved this VPN request yet");
  if (recorded.decision === 'refused') {
    throw new RuleViolation('MANAGER_APPROVAL_REFUSED', "The manager of the employee's service refused this VPN request", {
      decidedBy: recorded.decidedBy,
      decidedAt: recorded.decidedAt,
    });
  }
}

/** What the manager's list shows: a request still waiting for their decision. */
export function awaitsManager(stepOn: boolean, state: AccountState, recorded: RecordedManagerDecision | null): boolean {
  return stepOn && state === 'requested' && recorded === null;
}
