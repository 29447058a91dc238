/** A unique-constraint violation from either database (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  if (e?.code === '23505' || e?.driverError?.code === '23505') return true;
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT: UNIQUE/i.test(String(e?.message ?? ''));
}
