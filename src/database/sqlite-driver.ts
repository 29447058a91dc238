/**
 * The `sqlite3` module as TypeORM's SQLite driver, without its "verbose" mode.
 *
 * TypeORM calls `driver.verbose()` on whatever it is given, and sqlite3's verbose mode wraps every Database and
 * Statement method to build a long stack trace: a `new Error()` and a `util.inspect` of every argument (the SQL
 * text and its parameters) on each call. In the bulk onboarding of 700 VPN users that was ~1.2 s of the 7 s
 * (scripts/bench/vpn-onboarding.ts, CPU profile), and it ran on every query of every request. Errors keep the
 * SQLite message and code, which is what the service reads (unique-violation.ts) and logs.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sqlite3 = require('sqlite3') as Record<string, unknown>;

export const quietSqlite3: Record<string, unknown> = Object.assign(Object.create(sqlite3) as Record<string, unknown>, {
  verbose: () => sqlite3,
});
