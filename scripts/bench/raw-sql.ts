/**
 * The raw-SQL side of the inventory and KPI benchmarks (the reference our numbers are compared with): statements
 * sent straight to the database driver the application already uses — the `sqlite3` connection TypeORM opened,
 * or one `pg` client checked out of its pool for the whole run — with no TypeORM query runner, no mapping, no
 * validation, no HTTP. Plus a hook that records the SQL and parameters the application sends, so the reference
 * replays exactly the statements ours ran.
 */
import { DataSource } from 'typeorm';

export interface RawSql {
  kind: 'sqlite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** `$n` on PostgreSQL, `?` on SQLite. */
  mark(n: number): string;
  release(): void;
}

interface Sqlite3Database {
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
}
interface PgClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(): void;
}

export async function rawSql(ds: DataSource): Promise<RawSql> {
  const driver = ds.driver as unknown as { databaseConnection?: Sqlite3Database; master?: { connect(): Promise<PgClient> } };
  if (ds.options.type === 'postgres') {
    const client = await driver.master!.connect();
    return {
      kind: 'postgres',
      query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      mark: (n) => `$${n}`,
      release: () => client.release(),
    };
  }
  const db = driver.databaseConnection!;
  return {
    kind: 'sqlite',
    query: <T>(sql: string, params: unknown[] = []) => new Promise<T[]>((ok, fail) => db.all(sql, params, (err, rows) => (err ? fail(err) : ok(rows as T[])))),
    mark: () => '?',
    release: () => undefined,
  };
}

export interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * Records every statement the application sends through TypeORM while `on` is set (the query runners call
 * `logger.logQuery` before each statement on both drivers; the original logger still runs).
 */
export function captureQueries(ds: DataSource): { on: boolean; take(): Captured[] } {
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  let captured: Captured[] = [];
  const state = {
    on: false,
    take(): Captured[] {
      const out = captured;
      captured = [];
      return out;
    },
  };
  logger.logQuery = (query, parameters, queryRunner) => {
    if (state.on) captured.push({ sql: query, params: [...(parameters ?? [])] });
    return original(query, parameters, queryRunner);
  };
  return state;
}
