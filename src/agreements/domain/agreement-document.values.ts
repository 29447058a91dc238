import { AgreementValues } from './agreement-template';

/** What the document says about an agreement: its terms only, never its signatures or state. */
export interface AgreementDocumentTerms {
  id: string;
  startDate: string;
  endDate: string | null;
  remoteDaysPerWeek: number;
  places: string[];
  contactBand: string;
  nonOperabilityBand: string;
  rightToDisconnect: string;
  toolsProvided: string[];
  objectives: string;
  resultsMonitoring: string;
}

export interface AgreementDocumentPerson {
  firstName: string;
  lastName: string;
  employeeNumber: string;
  serviceName: string;
  isManager: boolean;
  isDirectorGeneral: boolean;
}

/** 2026-04-01 → 01/04/2026 */
export function italianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** 09:30-12:30 → dalle 09:30 alle 12:30 */
export function italianBand(band: string): string {
  const [from, to] = band.split('-');
  return `dalle ${from} alle ${to}`;
}

/**
 * The values of the template's placeholders. Only the terms and the parties: the same agreement gives the same
 * document before and after each signature, so both parties sign (and hash) the same bytes. Nothing of special
 * category (the 90 days' notice of a disabled worker) is printed: managers read this document too.
 */
export function agreementValues(terms: AgreementDocumentTerms, employee: AgreementDocumentPerson, municipality: string): AgreementValues {
  const start = italianDate(terms.startDate);
  const end = terms.endDate ? italianDate(terms.endDate) : null;
  return {
    'ente.nome': municipality,
    'accordo.id': terms.id,
    'dipendente.nome': employee.firstName,
    'dipendente.cognome': employee.lastName,
    'dipendente.matricola': employee.employeeNumber,
    'dipendente.servizio': employee.serviceName,
    'controparte.ruolo': employee.isManager || employee.isDirectorGeneral ? 'il Direttore Generale' : `il Dirigente del servizio ${employee.serviceName}`,
    'periodo.inizio': start,
    'periodo.fine': end ?? 'tempo indeterminato',
    'periodo.descrizione': end ? `dal ${start} al ${end}` : `a tempo indeterminato a decorrere dal ${start}`,
    giorni_settimana: String(terms.remoteDaysPerWeek),
    luoghi: terms.places.join('; '),
    'fasce.contattabilita': italianBand(terms.contactBand),
    'fasce.inoperabilita': italianBand(terms.nonOperabilityBand),
    disconnessione: terms.rightToDisconnect,
    strumenti: terms.toolsProvided.length ? terms.toolsProvided.join('; ') : 'nessuno',
    obiettivi: terms.objectives,
    monitoraggio: terms.resultsMonitoring,
  };
}
