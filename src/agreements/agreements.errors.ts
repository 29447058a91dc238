import { defineErrors } from '../common/errors/error-spec';
import type { GateRefusal } from './domain/gate-refusals';

/** The error codes of the agreements feature: kind (hence HTTP status) and English default message. */
export const AGREEMENTS_ERRORS = defineErrors({
  AGREEMENT_CHANGED: {
    kind: 'conflict',
    message: 'The agreement was changed by someone else meanwhile; read it again and retry',
    it: "L'accordo è stato modificato da un'altra persona nel frattempo: ricaricarlo e riprovare",
  },
  AGREEMENT_NOT_EDITABLE: {
    kind: 'conflict',
    message: 'Only a draft nobody has signed yet can be edited',
    it: 'Si può modificare solo una bozza che nessuno ha ancora firmato',
  },
  AGREEMENT_NOT_FOUND: { kind: 'not_found', message: 'agreement {id} does not exist', it: "L'accordo[ {id}] non esiste" },
  AGREEMENT_OVERLAP: {
    kind: 'conflict',
    message: 'The employee already has an agreement covering part of this period',
    it: 'Il dipendente ha già un accordo che copre parte di questo periodo',
  },
  AGREEMENT_PERIOD_OVER: { kind: 'rule', message: "The agreement's period ended on {endDate}", it: "Il periodo dell'accordo è terminato[ il {endDate}]" },
  AGREEMENT_STATE_CONFLICT: {
    kind: 'conflict',
    message: 'An agreement in state {from} cannot become {to}',
    it: "L'operazione non è possibile nello stato attuale dell'accordo[ ({state|from})]",
  },
  AGREEMENT_TERMS_INVALID: {
    kind: 'validation',
    message: 'The agreement terms are not valid',
    it: "Le condizioni dell'accordo non sono valide: controllare i campi indicati",
  },
  BANDS_OVERLAP: {
    kind: 'rule',
    message: 'The contact band and the non-operability band must not overlap',
    it: 'La fascia di contattabilità e la fascia di inoperabilità non devono sovrapporsi',
  },
  DIRECTOR_GENERAL_SIGNATURE_REQUIRED: {
    kind: 'rule',
    message: "A manager's agreement is signed by the Direttore Generale",
    it: "L'accordo di un dirigente è firmato dal Direttore Generale",
  },
  DOCUMENT_HASH_MISMATCH: {
    kind: 'rule',
    message: 'Both parties must sign the same document: the SHA-256 differs from the one already signed',
    it: 'Le due parti devono firmare lo stesso documento: il file è diverso da quello già firmato',
  },
  DOCUMENT_REFERENCE_REQUIRED: {
    kind: 'rule',
    message: "A counterpart signature recorded by anyone but the countersigner's own login needs the signed paper's reference (documentReference)",
    it: 'Per registrare la firma del dirigente da un documento cartaceo serve il riferimento (protocollo) del documento firmato',
  },
  EMPLOYEE_INACTIVE: { kind: 'rule', message: 'The employee is not active', it: 'Il dipendente non è attivo' },
  GATE_REFUSED: {
    kind: 'rule',
    message: 'The employee does not pass the provisioning gate: {refusals}',
    it: 'Il dipendente non ha i requisiti richiesti per questa operazione.[ {refusals}]',
  },
  IN_FORCE_DATE_AFTER_TODAY: {
    kind: 'forbidden',
    message: 'Only HR can list the agreements in force after today',
    it: "Solo l'ufficio del personale può elencare gli accordi in vigore dopo la data di oggi",
  },
  MANAGER_REMOTE_DAYS_EXCEEDED: {
    kind: 'rule',
    message: 'A manager may work remotely at most {MANAGER} day a week',
    it: 'Per un dirigente i giorni di lavoro da remoto a settimana superano il limite previsto[ (al massimo {max})]',
  },
  NOTICE_DATE_IN_FUTURE: {
    kind: 'rule',
    message: 'The notice date cannot be after today: record the withdrawal when notice is given',
    it: 'La data del preavviso non può essere successiva a oggi: registrare il recesso quando il preavviso viene dato[ (data indicata: {noticeDate})]',
  },
  NOT_THE_COUNTERSIGNER: {
    kind: 'forbidden',
    message: "Only the countersigner's own login, or an admin, may confirm this signature",
    it: "Solo il dirigente che firma per l'ente, con il proprio accesso, o un amministratore può intervenire su questa firma",
  },
  NO_COUNTERSIGNATURE_AWAITING: {
    kind: 'conflict',
    message: 'No recorded counterpart signature awaits confirmation on this agreement',
    it: "Su questo accordo non c'è una firma del dirigente in attesa di conferma",
  },
  SAFETY_NOTICE_DATE_IN_FUTURE: {
    kind: 'rule',
    message: 'The safety notice cannot be recorded as delivered after today',
    it: "L'informativa sulla sicurezza non può risultare consegnata dopo la data di oggi[ (data indicata: {deliveredOn})]",
  },
  SAFETY_NOTICE_OLDER_THAN_RECORDED: {
    kind: 'rule',
    message: 'A later delivery ({safetyNoticeDeliveredOn}) is already recorded',
    it: "È già registrata una consegna dell'informativa più recente[ ({recorded})]",
  },
  SIGNATURE_NEEDS_SECOND_PERSON: {
    kind: 'forbidden',
    message: 'You recorded this counterpart signature: another person must confirm it',
    it: "Hai registrato tu una delle firme: deve confermare un'altra persona",
  },
  SIGNED_DOCUMENT_NOT_FOUND: {
    kind: 'not_found',
    message: 'No signed document has been uploaded for agreement {id}',
    it: 'Per questo accordo non è stato caricato il documento firmato',
  },
  SIGNED_DOCUMENT_NOT_PDF: {
    kind: 'unsupported_media_type',
    message: 'The signed document must be a PDF (Content-Type application/pdf, starting with %PDF-)',
    it: 'Il documento firmato deve essere un file PDF',
  },
  SIGNED_DOCUMENT_TOO_LARGE: {
    kind: 'payload_too_large',
    message: 'The signed document is larger than {maxBytes} bytes',
    it: 'Il documento firmato è troppo grande[ (al massimo {maxBytes} byte)]',
  },
  SIGNER_INACTIVE: { kind: 'rule', message: 'The signer is not an active employee', it: 'Chi firma non è un dipendente attivo' },
  SIGNER_IS_THE_EMPLOYEE: {
    kind: 'rule',
    message: 'The employee cannot countersign their own agreement',
    it: 'Il dipendente non può firmare il proprio accordo al posto del dirigente',
  },
  SIGNER_NOT_A_MANAGER: {
    kind: 'rule',
    message: 'The counterpart signature must be given by a manager (dirigente)',
    it: "La firma per l'ente deve essere di un dirigente",
  },
  SIGNER_NOT_FOUND: { kind: 'not_found', message: 'signer {id} does not exist', it: 'Il firmatario[ {id}] non esiste' },
  SIGNER_NOT_MANAGER_OF_SERVICE: {
    kind: 'rule',
    message: "The counterpart must be the manager of the employee's service",
    it: 'Deve firmare il dirigente del servizio a cui appartiene il dipendente',
  },
  SIGNER_NOT_THE_EMPLOYEE: {
    kind: 'rule',
    message: 'The employee signature must be given by the employee the agreement is for',
    it: "La firma del dipendente deve essere data dal dipendente a cui si riferisce l'accordo",
  },
  WITHDRAWAL_AFTER_END_DATE: {
    kind: 'rule',
    message: 'The agreement ends on {endDate} anyway',
    it: "L'accordo termina comunque[ il {endDate}]: il recesso non può avere effetto dopo la scadenza",
  },
  WITHDRAWAL_ALREADY_NOTIFIED: {
    kind: 'conflict',
    message: 'A withdrawal already takes effect on {withdrawalEffectiveDate}',
    it: 'È già registrato un recesso[ con effetto dal {effectiveDate}]',
  },
  WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE: {
    kind: 'rule',
    message: 'A fixed-term agreement can be withdrawn before its end date only for a justified cause (L. 81/2017 art. 19)',
    it: 'Da un accordo a tempo determinato si può recedere prima della scadenza solo per giustificato motivo (L. 81/2017, art. 19)',
  },
  WITHDRAWAL_NOTICE_TOO_SHORT: {
    kind: 'rule',
    message: "The withdrawal cannot take effect before {earliestEffectiveDate} ({noticeDays} days' notice)",
    it: 'Il recesso non può avere effetto prima della fine del preavviso[ di {noticeDays} giorni][: la prima data possibile è il {earliestEffectiveDate}]',
  },
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
