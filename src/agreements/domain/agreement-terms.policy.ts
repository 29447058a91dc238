import { FieldProblem, RuleViolation, ValidationFailed } from '../../common/errors/domain-error';
import { bandsOverlap, parseTimeBand } from './time-band';

export interface AgreementTerms {
  startDate: string;
  endDate: string | null;
  remoteDaysPerWeek: number;
  /** Fascia di contattabilità: the worker can be reached. */
  contactBand: string;
  /** Fascia di inoperabilità: no work may be asked (covers the right to disconnect); may wrap past midnight. */
  nonOperabilityBand: string;
}

export const MAX_REMOTE_DAYS = 5;
/** Seed 2.2: "Il lavoro agile può essere attivato anche per i dirigenti, per un massimo di un giorno la settimana." */
export const MAX_REMOTE_DAYS_MANAGER = 1;

/** Checks the terms of an agreement for this employee; throws the first kind of problem found, listing all of it. */
export function assertValidTerms(terms: AgreementTerms, employee: { isManager: boolean; isDirectorGeneral: boolean }): void {
  const problems: FieldProblem[] = [];
  if (terms.endDate !== null && terms.endDate < terms.startDate) problems.push({ field: 'endDate', messages: ['endDate must not be before startDate'] });
  if (!Number.isInteger(terms.remoteDaysPerWeek) || terms.remoteDaysPerWeek < 1 || terms.remoteDaysPerWeek > MAX_REMOTE_DAYS) {
    problems.push({ field: 'remoteDaysPerWeek', messages: [`remoteDaysPerWeek must be an integer from 1 to ${MAX_REMOTE_DAYS}`] });
  }
  const contact = parseTimeBand(terms.contactBand);
  const nonOperability = parseTimeBand(terms.nonOperabilityBand);
  if (!contact) problems.push({ field: 'contactBand', messages: ['contactBand must be HH:MM-HH:MM with two different times'] });
  else if (contact.from > contact.to) problems.push({ field: 'contactBand', messages: ['contactBand must not run past midnight'] });
  if (!nonOperability) problems.push({ field: 'nonOperabilityBand', messages: ['nonOperabilityBand must be HH:MM-HH:MM with two different times'] });
  if (problems.length > 0) throw new ValidationFailed(problems, 'The agreement terms are not valid', 'AGREEMENT_TERMS_INVALID');

  if ((employee.isManager || employee.isDirectorGeneral) && terms.remoteDaysPerWeek > MAX_REMOTE_DAYS_MANAGER) {
    throw new RuleViolation('MANAGER_REMOTE_DAYS_EXCEEDED', `A manager may work remotely at most ${MAX_REMOTE_DAYS_MANAGER} day a week`, {
      remoteDaysPerWeek: terms.remoteDaysPerWeek,
      max: MAX_REMOTE_DAYS_MANAGER,
    });
  }
  if (contact && nonOperability && bandsOverlap(contact, nonOperability)) {
    throw new RuleViolation('BANDS_OVERLAP', 'The contact band and the non-operability band must not overlap', {
      contactBand: terms.contactBand,
      nonOperabilityBand: terms.nonOperabilityBand,
    });
  }
}
