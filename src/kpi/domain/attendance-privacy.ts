/**
 * The HR attendance file carries monthly totals per service, never people (issue 14, "Aggregate imports from
 * HR"). A file that names a person anywhere is refused whole, before any of it is read as totals: a header that
 * names a person column, a value shaped like a codice fiscale or an e-mail address, a value that is an employee
 * number of the directory (checked by the service, which asks the directory), or two rows for the same service
 * and month (what per-person rows look like once the person column is dropped). The reasons name a line and a
 * column, never the value, so a refusal does not copy personal data into answers and logs.
 */
export type PersonDataReasonCode = 'PERSON_COLUMN' | 'TAX_CODE_VALUE' | 'EMAIL_VALUE' | 'EMPLOYEE_NUMBER_VALUE' | 'REPEATED_SERVICE_MONTH';

export interface PersonDataReason {
  code: PersonDataReasonCode;
  line: number;
  column: string | null;
  /** Italian, for the person who exported the file */
  message: string;
}

/** Words that make a column about people (Italian and English, as attendance systems and spreadsheets name them). */
const PERSON_WORDS = new Set([
  'matricola',
  'matr',
  'badge',
  'tessera',
  'codice_fiscale',
  'codicefiscale',
  'cod_fiscale',
  'codfisc',
  'cf',
  'fiscale',
  'nome',
  'cognome',
  'nominativo',
  'dipendente',
  'dipendenti',
  'lavoratore',
  'persona',
  'utente',
  'email',
  'mail',
  'e_mail',
  'pec',
  'username',
  'user',
  'login',
  'account',
  'employee',
  'employee_id',
  'employee_number',
  'worker',
  'person',
  'name',
  'first_name',
  'last_name',
  'surname',
  'firstname',
  'lastname',
  'telefono',
  'cellulare',
  'nascita',
  'data_nascita',
  'sesso',
  'genere',
  'iban',
]);
/** A column about a service is not about a person even when it says "nome" (`nome_servizio`). */
const SERVICE_WORDS = new Set(['servizio', 'ufficio', 'settore', 'service', 'struttura', 'area']);

/** `Codice Fiscale` → `codice_fiscale`; accents dropped, anything else a separator. */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function isPersonColumn(header: string): boolean {
  const name = normaliseHeader(header);
  if (name === '') return false;
  if (PERSON_WORDS.has(name)) return true;
  const parts = name.split('_');
  if (parts.some((p) => SERVICE_WORDS.has(p))) return false;
  if (parts.some((p) => PERSON_WORDS.has(p))) return true;
  // `idDipendente`, `codfiscale`: a person word glued to another
  return /(matricol|dipendent|fiscal|cognom|nominativ|lavorator|email|username)/.test(name);
}

// 16 characters, omocodia letters allowed in the digit positions (LMNPQRSTUV)
const TAX_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;
// a temporary codice fiscale (partita IVA shape) is 11 digits: an attendance total never has 11 digits
const TEMPORARY_TAX_CODE = /^\d{11}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

export function looksLikeTaxCode(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  return TAX_CODE.test(v) || TEMPORARY_TAX_CODE.test(v);
}

export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** The header's person columns. */
export function personColumns(header: readonly string[]): PersonDataReason[] {
  return header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => isPersonColumn(h) || looksLikeTaxCode(h.trim()) || looksLikeEmail(h))
    .map(({ h, i }) => ({
      code: 'PERSON_COLUMN' as const,
      line: 1,
      column: h.trim() || `#${i + 1}`,
      message: `riga 1 del file, colonna ${i + 1}: l'intestazione indica un dato personale; il file deve avere solo totali mensili per servizio`,
    }));
}

/** Values shaped like a codice fiscale or an e-mail address, anywhere in the data rows. */
export function personValues(rows: readonly { line: number; record: readonly string[] }[], header: readonly string[]): PersonDataReason[] {
  const out: PersonDataReason[] = [];
  for (const { line, record } of rows) {
    record.forEach((value, i) => {
      const column = header[i]?.trim() || `#${i + 1}`;
      if (looksLikeTaxCode(value.trim())) {
        out.push({ code: 'TAX_CODE_VALUE', line, column, message: `riga ${line} del file, colonna ${column}: il valore ha la forma di un codice fiscale` });
      } else if (looksLikeEmail(value)) {
        out.push({ code: 'EMAIL_VALUE', line, column, message: `riga ${line} del file, colonna ${column}: il valore ha la forma di un indirizzo e-mail` });
      }
    });
  }
  return out;
}

export function employeeNumberReason(line: number, column: string): PersonDataReason {
  return {
    code: 'EMPLOYEE_NUMBER_VALUE',
    line,
    column,
    message: `riga ${line} del file, colonna ${column}: il valore identifica un dipendente dell'anagrafe (matricola o utenza)`,
  };
}

export function repeatedRowReason(line: number, firstLine: number): PersonDataReason {
  return {
    code: 'REPEATED_SERVICE_MONTH',
    line,
    column: null,
    message: `riga ${line} del file: anno, mese e servizio ripetono la riga ${firstLine}; il file deve avere una sola riga di totali per servizio e mese`,
  };
}
