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

/**
 * What the gate governs, in the words of the desk: only the devices that carry data or reach the municipal
 * network (the gated kinds of src/inventory/domain/device-kind.ts) and VPN access. Desk peripherals, webcams
 * and headsets also serve office PCs and are never refused by the gate.
 */
export const GATE_SCOPE_IT = {
  refused: 'portatili, docking station e router mobili (SIM dati)',
  stillAllowed: 'monitor, tastiere, mouse, webcam e cuffie',
};

/** The one-line summary of the gate's answer on a date (gg/mm/aaaa on pages; the API date as given). */
/** `2026-03-10` → `10/03/2026`, as pages write dates. */
const italianDate = (iso: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

export function gateSummaryIt(verdict: { allowed: boolean; date: string; refusals: readonly unknown[] }): string {
  const date = italianDate(verdict.date);
  if (verdict.allowed) return `Il dipendente può ricevere dispositivi e accesso VPN in data ${date}.`;
  const n = verdict.refusals.length;
  return (
    `Il dipendente non può ricevere ${GATE_SCOPE_IT.refused} né l'accesso VPN in data ${date} (${n} ${n === 1 ? 'motivo' : 'motivi'}). ` +
    `Può comunque ricevere ${GATE_SCOPE_IT.stillAllowed}.`
  );
}
