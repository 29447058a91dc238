import { defineErrors } from '../common/errors/error-spec';
import type { GateRefusal } from './domain/gate-refusals';

/** The error codes of the agreements feature: kind (hence HTTP status) and English default message. */
export const AGREEMENTS_ERRORS = defineErrors({
  AGREEMENT_CHANGED: { kind: 'conflict', message: 'The agreement was changed by someone else meanwhile; read it again and retry' },
  AGREEMENT_NOT_EDITABLE: { kind: 'conflict', message: 'Only a draft nobody has signed yet can be edited' },
  AGREEMENT_NOT_FOUND: { kind: 'not_found', message: 'agreement {id} does not exist' },
  AGREEMENT_OVERLAP: { kind: 'conflict', message: 'The employee already has an agreement covering part of this period' },
  AGREEMENT_PERIOD_OVER: { kind: 'rule', message: "The agreement's period ended on {endDate}" },
  AGREEMENT_STATE_CONFLICT: { kind: 'conflict', message: 'An agreement in state {from} cannot become {to}' },
  AGREEMENT_TERMS_INVALID: { kind: 'validation', message: 'The agreement terms are not valid' },
  BANDS_OVERLAP: { kind: 'rule', message: 'The contact band and the non-operability band must not overlap' },
  DIRECTOR_GENERAL_SIGNATURE_REQUIRED: { kind: 'rule', message: "A manager's agreement is signed by the Direttore Generale" },
  DOCUMENT_HASH_MISMATCH: { kind: 'rule', message: 'Both parties must sign the same document: the SHA-256 differs from the one already signed' },
  DOCUMENT_REFERENCE_REQUIRED: {
    kind: 'rule',
    message: "A counterpart signature recorded by anyone but the countersigner's own login needs the signed paper's reference (documentReference)",
  },
  EMPLOYEE_INACTIVE: { kind: 'rule', message: 'The employee is not active' },
  GATE_REFUSED: { kind: 'rule', message: 'The employee does not pass the provisioning gate: {refusals}' },
  IN_FORCE_DATE_AFTER_TODAY: { kind: 'forbidden', message: 'Only HR can list the agreements in force after today' },
  MANAGER_REMOTE_DAYS_EXCEEDED: { kind: 'rule', message: 'A manager may work remotely at most {MANAGER} day a week' },
  NOTICE_DATE_IN_FUTURE: { kind: 'rule', message: 'The notice date cannot be after today: record the withdrawal when notice is given' },
  NOT_THE_COUNTERSIGNER: { kind: 'forbidden', message: "Only the countersigner's own login, or an admin, may confirm this signature" },
  NO_COUNTERSIGNATURE_AWAITING: { kind: 'conflict', message: 'No recorded counterpart signature awaits confirmation on this agreement' },
  SAFETY_NOTICE_DATE_IN_FUTURE: { kind: 'rule', message: 'The safety notice cannot be recorded as delivered after today' },
  SAFETY_NOTICE_OLDER_THAN_RECORDED: { kind: 'rule', message: 'A later delivery ({safetyNoticeDeliveredOn}) is already recorded' },
  SIGNATURE_NEEDS_SECOND_PERSON: { kind: 'forbidden', message: 'You recorded this counterpart signature: another person must confirm it' },
  SIGNER_INACTIVE: { kind: 'rule', message: 'The signer is not an active employee' },
  SIGNER_IS_THE_EMPLOYEE: { kind: 'rule', message: 'The employee cannot countersign their own agreement' },
  SIGNER_NOT_A_MANAGER: { kind: 'rule', message: 'The counterpart signature must be given by a manager (dirigente)' },
  SIGNER_NOT_FOUND: { kind: 'not_found', message: 'signer {id} does not exist' },
  SIGNER_NOT_MANAGER_OF_SERVICE: { kind: 'rule', message: "The counterpart must be the manager of the employee's service" },
  SIGNER_NOT_THE_EMPLOYEE: { kind: 'rule', message: 'The employee signature must be given by the employee the agreement is for' },
  WITHDRAWAL_AFTER_END_DATE: { kind: 'rule', message: 'The agreement ends on {endDate} anyway' },
  WITHDRAWAL_ALREADY_NOTIFIED: { kind: 'conflict', message: 'A withdrawal already takes effect on {withdrawalEffectiveDate}' },
  WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE: {
    kind: 'rule',
    message: 'A fixed-term agreement can be withdrawn before its end date only for a justified cause (L. 81/2017 art. 19)',
  },
  WITHDRAWAL_NOTICE_TOO_SHORT: { kind: 'rule', message: "The withdrawal cannot take effect before {earliestEffectiveDate} ({noticeDays} days' notice)" },
});

export type AgreementsErrorCode = keyof typeof AGREEMENTS_ERRORS;

/**
 * The reasons the provisioning gate refuses (SPEC §2 "The gate"), listed in `details.refusals` of a 422
 * GATE_REFUSED (docs/decisions.md): closed like the codes, and in the catalog with their messages.
 */
export const GATE_REFUSAL_MESSAGES: Readonly<Record<GateRefusal, string>> = {
  EMPLOYEE_INACTIVE: 'The employee is not active',
  EMPLOYEE_NOT_ELIGIBLE: "None of the employee's activities can be done remotely",
  AGREEMENT_MISSING: 'The employee has no remote-work agreement',
  AGREEMENT_NOT_SIGNED: 'The agreement is not signed by both parties',
  COUNTERSIGNATURE_UNCONFIRMED: 'The counterpart signature was recorded from paper and awaits confirmation by a second person',
  AGREEMENT_NOT_IN_FORCE: 'The agreement is not in force on this date',
  SAFETY_NOTICE_MISSING: 'The safety notice (D.Lgs. 81/2008) has not been delivered, or is out of date',
};
