/** At most this many errors in an import report: enough to fix a file, small enough to answer at once. */
export const IMPORT_ERROR_LIMIT = 100;

export interface ImportErrorList<T> {
  /** the first IMPORT_ERROR_LIMIT errors, in the order the importer found them */
  errors: T[];
  /** how many errors the file has in all */
  errorCount: number;
  /** true when errors holds fewer than errorCount */
  truncated: boolean;
}

/**
 * The errors part of every import report (assets, employees, activity map), dry run or refusal alike: a file
 * with 5,000 bad rows answers the first 100 and the count, not a response of megabytes.
 */
export function importErrorList<T>(errors: readonly T[]): ImportErrorList<T> {
  return { errors: errors.slice(0, IMPORT_ERROR_LIMIT), errorCount: errors.length, truncated: errors.length > IMPORT_ERROR_LIMIT };
}

/** One problem of an import report as the importers write it: the line of the file (the header is line 1) and a code. */
export interface ImportProblem {
  line?: unknown;
  column?: unknown;
  code?: unknown;
  message?: unknown;
}

/** The row-level codes of the importers (assets, employees, activity map, attendance totals) in plain Italian. */
const ROW_PROBLEMS_IT: Readonly<Record<string, string>> = {
  AMBIGUOUS_MODEL: 'il modello indicato corrisponde a più modelli registrati',
  BAD_DAYS: 'il numero di giorni non è valido',
  BAD_EMAIL: "l'indirizzo e-mail non è valido",
  BAD_FLAG: 'il valore deve essere sì o no',
  BAD_MODE: 'la modalità di svolgimento non è valida',
  BAD_MONTH: 'il mese non è valido',
  BAD_SERVICE_CODE: 'il codice del servizio non è valido',
  BAD_USERNAME: 'il nome utente non è valido',
  BAD_YEAR: "l'anno non è valido",
  CONFLICTING_IDS: 'la matricola e l’identificativo esterno indicano dipendenti diversi',
  CSV_MALFORMED: 'il file CSV non può essere letto',
  DAYS_EXCEED_WORKING: 'i giorni superano i giorni lavorativi del mese',
  DUPLICATE_COLUMN: 'la colonna compare due volte',
  DUPLICATE_IN_DATABASE: 'il valore è già registrato',
  DUPLICATE_IN_FILE: 'il valore compare più volte nel file',
  EMPTY_FILE: 'il file è vuoto',
  FIELD_NOT_ALLOWED: 'questo dato non è ammesso per questo tipo di dispositivo',
  FILE_MALFORMED: 'il file non può essere letto',
  LOT_OVERFLOW: 'il lotto ha già ricevuto tutti i beni ordinati',
  MALFORMED_FIELD: 'il valore non è valido',
  MALFORMED_ROW: 'la riga non può essere letta',
  MANAGER_FLAG_NEEDS_ADMIN: 'il potere di firma può essere cambiato solo da un amministratore',
  MISSING_COLUMN: 'manca una colonna obbligatoria',
  MISSING_FIELD: 'manca un dato obbligatorio',
  MONTH_IN_FUTURE: 'il mese non è ancora iniziato',
  REPEATED_COLUMN: 'la colonna compare due volte',
  SERVICE_NAME_CONFLICT: 'lo stesso codice del servizio ha nomi diversi',
  TOO_LONG: 'il valore è troppo lungo',
  TOO_MANY_ROWS: 'il file ha troppe righe',
  UNKNOWN_COLUMN: 'la colonna non è prevista',
  UNKNOWN_MODEL: 'il modello non è registrato',
  UNKNOWN_SERVICE: 'il servizio non esiste',
  UNKNOWN_SERVICE_CODE: 'nessun servizio ha questo codice',
  WRONG_FIELD_COUNT: 'il numero di campi non corrisponde alle colonne',
  WRONG_KIND: 'il tipo di dispositivo non corrisponde al lotto',
};

/**
 * One import problem in Italian, for the pages: "Riga N del file, colonna X: …". The line is data (`line`), so
 * the sentence is built here and the English `message` of the API is not translated word by word. A message an
 * importer already wrote in Italian ("riga N del file…", the attendance totals) is kept.
 */
export function italianImportProblem(problem: ImportProblem): string {
  const message = typeof problem.message === 'string' ? problem.message : '';
  if (/^riga \d+ del file/i.test(message)) return message.charAt(0).toUpperCase() + message.slice(1);
  const what = (typeof problem.code === 'string' && ROW_PROBLEMS_IT[problem.code]) || 'il dato non è valido';
  const line = typeof problem.line === 'number' && Number.isInteger(problem.line) && problem.line > 0 ? problem.line : null;
  const column = typeof problem.column === 'string' && problem.column.trim() ? problem.column.trim() : null;
  const where = [line !== null ? `Riga ${line} del file` : 'Nel file', column ? `colonna «${column}»` : null].filter(Boolean).join(', ');
  return `${where}: ${what}`;
}

/** True for the items of an import report's `errors` (objects with a line or a code); anything else is left alone. */
export function isImportProblem(value: unknown): value is ImportProblem {
  return typeof value === 'object' && value !== null && ('line' in value || 'code' in value);
}
