import { AgreementSnapshot } from './agreement-snapshot';
import { BINDING_STATES, isUnsigned } from './agreement-state';
import { GATE_REFUSALS, GateRefusal } from './gate-refusals';
import { coversDate, isFullySigned } from './in-force';
import { safetyNoticeStatus } from './safety-notice.policy';

export interface GateInput {
  date: string;
  employee: { id: string; active: boolean };
  /** Linked to at least one fully or partially remote activity. */
  eligible: boolean;
  /** Every agreement of the employee, in any state. */
  agreements: AgreementSnapshot[];
}

export interface GateVerdict {
  employeeId: string;
  date: string;
  allowed: boolean;
  refusals: GateRefusal[];
  agreementId: string | null;
}

/**
 * The agreement-related refusals one agreement earns on a date; not signed, not in force and the safety notice
 * are independent of each other. A counterpart signature awaiting confirmation does not count as a signature
 * (only a second person makes it count), and says so.
 */
export function agreementRefusals(a: AgreementSnapshot, date: string): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  if (!isFullySigned(a) || isUnsigned(a.state)) refusals.push('AGREEMENT_NOT_SIGNED');
  if (a.state === 'awaiting_confirmation') refusals.push('COUNTERSIGNATURE_UNCONFIRMED');
  const inForceState = isUnsigned(a.state) || a.state === 'signed' || a.state === 'active';
  if (!inForceState || !coversDate(a, date)) refusals.push('AGREEMENT_NOT_IN_FORCE');
  if (safetyNoticeStatus(a.safetyNoticeDeliveredOn, date).status !== 'valid') refusals.push('SAFETY_NOTICE_MISSING');
  return refusals;
}

function rankGroup(a: AgreementSnapshot): number {
  if (BINDING_STATES.includes(a.state)) return 0;
  if (isUnsigned(a.state)) return 1;
  return 2;
}

/**
 * The gate (SPEC §2): a gated device or VPN access only for an employee who is active, eligible, and has an
 * agreement signed by both parties, in force on the date, with a safety notice delivered within 12 months.
 * Every refusal that applies is returned, not just the first. The agreement judged is the one that passes,
 * or else the most relevant one: signed agreements before drafts before ended ones, then fewest refusals,
 * then the latest start — so "not in force" speaks of the agreement the employee would expect.
 */
export function decideGate(input: GateInput): GateVerdict {
  const refusals = new Set<GateRefusal>();
  if (!input.employee.active) refusals.add('EMPLOYEE_INACTIVE');
  if (!input.eligible) refusals.add('EMPLOYEE_NOT_ELIGIBLE');

  let chosen: { agreement: AgreementSnapshot; refusals: GateRefusal[] } | null = null;
  for (const agreement of input.agreements) {
    const candidate = { agreement, refusals: agreementRefusals(agreement, input.date) };
    if (chosen === null || better(candidate, chosen)) chosen = candidate;
  }
  if (chosen === null) refusals.add('AGREEMENT_MISSING');
  else chosen.refusals.forEach((r) => refusals.add(r));

  const ordered = GATE_REFUSALS.filter((r) => refusals.has(r));
  return {
    employeeId: input.employee.id,
    date: input.date,
    allowed: ordered.length === 0,
    refusals: ordered,
    agreementId: chosen?.agreement.id ?? null,
  };
}

function better(a: { agreement: AgreementSnapshot; refusals: GateRefusal[] }, b: { agreement: AgreementSnapshot; refusals: GateRefusal[] }): boolean {
  if ((a.refusals.length === 0) !== (b.refusals.length === 0)) return a.refusals.length === 0;
  const ga = rankGroup(a.agreement);
  const gb = rankGroup(b.agreement);
  if (ga !== gb) return ga < gb;
  if (a.refusals.length !== b.refusals.length) return a.refusals.length < b.refusals.length;
  if (a.agreement.startDate !== b.agreement.startDate) return a.agreement.startDate > b.agreement.startDate;
  return a.agreement.id < b.agreement.id;
}
