import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { openDatabase } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from './test-db';

export type Row = Record<string, unknown>;

export interface MigratedDatabase {
  ds: DataSource;
  /** Runs SQL with `:name` parameters, as the repositories do. */
  query(sql: string, params?: Row): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * A throwaway database with every migration run, on whichever database the runner selected (TEST_DB): for the
 * specs that hold a feature's published SQL to its TypeScript rule on the same rows.
 */
export async function openMigratedDatabase(): Promise<MigratedDatabase> {
  const db: TestDatabase = await createTestDatabase(undefined, { migrated: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...db.env });
  const ds = await openDatabase(config);
  return {
    ds,
    query: (sql, params = {}) => {
      const [text, values] = ds.driver.escapeQueryWithParameters(sql, params, {});
      return ds.query(text, values);
    },
    close: async () => {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    },
  };
}

/** The ids a query answered, sorted (column `id`). */
export function ids(rows: Row[], column = 'id'): string[] {
  return rows.map((r) => String(r[column])).sort();
}
