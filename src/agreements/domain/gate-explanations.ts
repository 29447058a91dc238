import { GateRefusal } from './gate-refusals';

/** Plain Italian for the people at the desk (technicians, hot-line, HR), one sentence per refusal. */
export const GATE_EXPLANATIONS_IT: Record<GateRefusal, string> = {
  EMPLOYEE_INACTIVE: 'Il dipendente non risulta in servizio (cessato o disattivato nella directory).',
  EMPLOYEE_NOT_ELIGIBLE:
    'Il dipendente non è assegnato ad alcuna attività svolgibile in lavoro agile (totalmente o parzialmente) secondo la mappatura delle attività.',
  AGREEMENT_MISSING: 'Non esiste un accordo individuale di lavoro agile per il dipendente.',
  AGREEMENT_NOT_SIGNED: "L'accordo individuale non è ancora firmato da entrambe le parti (dipendente e dirigente).",
  COUNTERSIGNATURE_UNCONFIRMED:
    "La firma del dirigente è stata registrata dall'accordo cartaceo e attende la conferma di una seconda persona (il dirigente con le proprie credenziali, oppure un amministratore).",
  AGREEMENT_NOT_IN_FORCE: "L'accordo individuale non è in vigore oggi: non è ancora iniziato, è scaduto, è stato receduto oppure è sospeso.",
  SAFETY_NOTICE_MISSING:
    "L'informativa sulla salute e sicurezza nel lavoro agile non è stata consegnata oppure è stata consegnata più di 12 mesi fa e va rinnovata.",
};
