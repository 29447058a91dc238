/**
 * What a valid employee record looks like, whatever its source (API, CSV, directory). Limits follow the
 * columns of the employees table; each check returns a reason or null so callers can list every problem.
 */
export const EMPLOYEE_LIMITS = {
  employeeNumber: 40,
  externalId: 200,
  username: 120,
  firstName: 120,
  lastName: 120,
  email: 254,
  profile: 120,
  category: 10,
  serviceCode: 10,
} as const;

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;
const USERNAME = /^[A-Za-z0-9._@-]+$/;
const SERVICE_CODE = /^[A-Z0-9_-]{1,10}$/;

export function isEmail(value: string): boolean {
  return value.length <= EMPLOYEE_LIMITS.email && EMAIL.test(value);
}

export function isUsername(value: string): boolean {
  return value.length <= EMPLOYEE_LIMITS.username && USERNAME.test(value);
}

export function normalizeServiceCode(value: string): string {
  return value.trim().toUpperCase();
}

export function isServiceCode(value: string): boolean {
  return SERVICE_CODE.test(value);
}

/** Blank (after trimming) means absent. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'si', 'sì', 's', 'x']);
const FALSE = new Set(['false', '0', 'no', 'n', '']);

/** Spreadsheet-style booleans (Italian offices write "sì"/"no"). Undefined when not a boolean. */
export function parseFlag(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export type FieldName = keyof typeof EMPLOYEE_LIMITS;

/** Too long for its column: the reason, or null. */
export function tooLong(field: FieldName, value: string | null | undefined): string | null {
  return value && value.length > EMPLOYEE_LIMITS[field] ? `longer than ${EMPLOYEE_LIMITS[field]} characters` : null;
}
