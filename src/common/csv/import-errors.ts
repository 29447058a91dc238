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
