import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase, TestDbKind } from '../../helpers/test-db';

/**
 * The test's own connection to the database a spawned service uses (no entities, raw SQL): what the test checks
 * is what is stored, read as an administrator would with sqlite3 or psql.
 */
export class RawDb {
  private constructor(
    readonly ds: DataSource,
    readonly kind: TestDbKind,
  ) {}

  static async open(db: TestDatabase): Promise<RawDb> {
    const ds =
      db.kind === 'postgres'
        ? new DataSource({ type: 'postgres', url: db.env.DATABASE_URL, extra: { max: 2 } })
        : new DataSource({ type: 'sqlite', database: path.join(db.dataDir, 'service.sqlite'), busyTimeout: 10_000 });
    await ds.initialize();
    return new RawDb(ds, db.kind);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.ds.query(
      this.kind === 'postgres'
        ? sql.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          )
        : sql,
      params,
    );
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await this.query<{ n: string | number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }

  /** Every table the migrations made (not the migrations bookkeeping). */
  async tables(): Promise<string[]> {
    const rows =
      this.kind === 'postgres'
        ? await this.query<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
          )
        : await this.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    return rows
      .map((r) => r.name)
      .filter((n) => n !== 'migrations' && n !== 'typeorm_metadata')
      .sort();
  }

  close(): Promise<void> {
    return this.ds.destroy();
  }
}

export { createTestDatabase, TestDatabase };

/**
 * A cheap picture of the whole state: the row count of every table and the audit chain's head. Two equal
 * fingerprints mean nothing was inserted or deleted and no audit event was appended.
 */
export interface Fingerprint {
  counts: Record<string, number>;
  auditHead: string | null;
}

export async function fingerprint(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }, tables: string[]): Promise<Fingerprint> {
  const select = tables.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`).join(', ');
  const [row] = await db.query(`SELECT ${select}`);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number(row[t]);
  const head = await db.query('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').catch(() => []);
  return { counts, auditHead: (head[0]?.hash as string | undefined) ?? null };
}

/** Tables whose counts differ, as `table: before → after`. */
export function differences(a: Fingerprint, b: Fingerprint, ignore: string[] = []): string[] {
  return Object.keys({ ...a.counts, ...b.counts })
    .filter((t) => !ignore.includes(t) && a.counts[t] !== b.counts[t])
    .map((t) => `${t}: ${a.counts[t]} → ${b.counts[t]}`);
}
