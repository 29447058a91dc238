import { Forbidden } from '../../common/errors/domain-error';

/**
 * The two-person rule (SPEC §2 "The gate": two different accounts take an employee from no agreement to passing
 * the gate; the manager's signature is the manager's own act).
 *
 * The counterpart (dirigente or Direttore Generale) signature counts only when someone *vouches* for it who is
 * not the person who recorded the employee's signature:
 * - the countersigner signs with their own directory login (their session's subject is their employee record,
 *   their role manager — or admin); or
 * - someone records it from the signed paper (HR, with the document's reference), and a second person confirms
 *   it: an admin, or the countersigner's own login. Until then the agreement is `awaiting_confirmation` and the
 *   gate refuses it (COUNTERSIGNATURE_UNCONFIRMED).
 * The person who recorded either signature never confirms: one account alone can record a paper agreement,
 * never make it count.
 */

/** An identity as the rule sees it: the actor id, and who created the token it acts with (null: nobody known). */
export interface Party {
  id: string;
  issuedBy: string | null;
}

export interface Confirmer extends Party {
  role: string;
}

const OWN_LOGIN_ROLES = ['manager', 'admin'];

/** The actor id a directory login of this employee acts under (the session's subject). */
export function employeeActorId(employeeId: string): string {
  return `employee:${employeeId}`;
}

/**
 * The countersigner acting with their own directory login. The role matters: HR can re-point an employee
 * record's directory identity, so an HR login that resolves to a manager's record is still HR, not the manager.
 */
export function isOwnLogin(actor: { id: string; role: string }, signerEmployeeId: string): boolean {
  return actor.id === employeeActorId(signerEmployeeId) && OWN_LOGIN_ROLES.includes(actor.role);
}

/**
 * The same person for the rule: the same identity, or one acts with a token the other created — whoever creates
 * a token is shown its secret, so an admin confirming with a token they minted, or through a token they minted
 * for the recorder, is still one person.
 */
export function samePerson(a: Party, b: Party): boolean {
  return a.id === b.id || (a.issuedBy !== null && a.issuedBy === b.id) || (b.issuedBy !== null && b.issuedBy === a.id);
}

export interface SignatureTrail {
  /** Who recorded the employee's signature; null: not recorded yet, or recorded before this rule existed. */
  employeeRecordedBy: Party | null;
  /** Who vouched for the counterpart signature (own login or confirmer); null: nobody yet. */
  countersignatureVouchedBy: Party | null;
}

/** The counterpart signature counts: vouched for, and not by whoever recorded the employee's signature. */
export function countersignatureCounts(trail: SignatureTrail): boolean {
  const voucher = trail.countersignatureVouchedBy;
  if (voucher === null) return false;
  return trail.employeeRecordedBy === null || !samePerson(voucher, trail.employeeRecordedBy);
}

export interface RecordedSignatures {
  employee: Party | null;
  countersignature: Party | null;
}

/** Refuses (403, nothing changes) a confirmation that is not a second person's own act. */
export function assertMayConfirm(confirmer: Confirmer, signerEmployeeId: string, recorded: RecordedSignatures): void {
  if (confirmer.role !== 'admin' && !isOwnLogin(confirmer, signerEmployeeId)) {
    throw new Forbidden('NOT_THE_COUNTERSIGNER', "Only the countersigner's own login, or an admin, may confirm this signature", { signerEmployeeId });
  }
  if (recorded.countersignature && samePerson(confirmer, recorded.countersignature)) {
    throw new Forbidden('SIGNATURE_NEEDS_SECOND_PERSON', 'You recorded this counterpart signature: another person must confirm it', {
      recordedBy: recorded.countersignature.id,
    });
  }
  if (recorded.employee && samePerson(confirmer, recorded.employee)) {
    throw new Forbidden('SIGNATURE_NEEDS_SECOND_PERSON', "You recorded the employee's signature: another person must confirm the counterpart's", {
      recordedBy: recorded.employee.id,
    });
  }
}

/**
 * Who may set aside a counterpart signature awaiting confirmation (a wrong scan, a wrong signer): whoever could
 * confirm it, and whoever recorded it (taking back one's own recording gives nobody anything).
 */
export function assertMayReject(actor: Confirmer, signerEmployeeId: string, recordedBy: Party | null): void {
  if (actor.role === 'admin' || isOwnLogin(actor, signerEmployeeId)) return;
  if (recordedBy && samePerson(actor, recordedBy)) return;
  throw new Forbidden('NOT_THE_COUNTERSIGNER', "Only the countersigner's own login, an admin, or whoever recorded it may set this signature aside", {
    signerEmployeeId,
  });
}
