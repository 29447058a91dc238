import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { openDatabase } from '../../src/database/data-source';

export type TestDbKind = 'sqlite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  kind: TestDbKind;
  dataDir: string;
  /** Extra environment for the service: DATABASE_URL on PostgreSQL, nothing on SQLite (file in dataDir). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabaseOptions {
  /**
   * Start from a copy of a database every migration already ran on (built once per set of migration files and
   * kept: a PostgreSQL template database, a SQLite file under the temporary folder), instead of an empty one the
   * service then migrates at start. The service still runs its migrations at start and finds none pending. The
   * migration specs, the faults and several-instances specs start empty, as a fresh installation does.
   */
  migrated?: boolean;
}

/** A throwaway database: a fresh data folder, plus on PostgreSQL a database of its own on the test server. */
export async function createTestDatabase(kind: TestDbKind = testDbKind(), options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), 'rw-data-'));
  if (kind === 'sqlite') {
    if (options.migrated) fs.copyFileSync(await sqliteTemplate(), path.join(dataDir, SQLITE_FILE));
    return { kind, dataDir, env: {}, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `rw_t_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? await postgresTemplate() : null;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    kind,
    dataDir,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The service's SQLite file in its data folder (AppConfig: DATA_DIR/service.sqlite). */
const SQLITE_FILE = 'service.sqlite';

/** The migration files' contents, hashed: a new or edited migration makes a new template. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const src = path.resolve(__dirname, '..', '..', 'src');
  const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((f) => f.split(path.sep).includes('migrations') && f.endsWith('.ts')).sort();
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(src, f)))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

function migrateEnv(dataDir: string, extra: Record<string, string>): Record<string, string> {
  return { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...extra };
}

let sqliteTemplatePath: Promise<string> | null = null;

/** A migrated SQLite file under the temporary folder, built by whichever worker comes first (atomic rename). */
function sqliteTemplate(): Promise<string> {
  sqliteTemplatePath ??= (async () => {
    const file = path.join(os.tmpdir(), `rw-sqlite-template-${migrationsHash()}.sqlite`);
    if (fs.existsSync(file)) return file;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-sqlite-template-build-'));
    try {
      const ds = await openDatabase(loadConfig(migrateEnv(dir, {})));
      // one self-contained file (the service turns WAL on again when it opens its copy)
      await ds.query('PRAGMA journal_mode = DELETE');
      await ds.destroy();
      fs.renameSync(path.join(dir, SQLITE_FILE), file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return file;
  })();
  return sqliteTemplatePath;
}

let postgresTemplateName: Promise<string> | null = null;
const TEMPLATE_LOCK = 7_263_542;

/** A migrated template database on the test server, built once under an advisory lock (workers race for it). */
function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `rw_tpl_${migrationsHash()}`;
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_build_${randomBytes(3).toString('hex')}`;
        await admin.query(`CREATE DATABASE ${building}`);
        const url = new URL(adminUrl());
        url.pathname = `/${building}`;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-pg-template-build-'));
        try {
          const ds = await openDatabase(loadConfig(migrateEnv(dir, { DATABASE_URL: url.toString() })));
          await ds.destroy();
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        // templates of earlier migration sets are no use any more
        const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'rw\\_tpl\\_%' AND datname <> $1", [name]);
        for (const row of stale.rows as { datname: string }[]) await admin.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => undefined);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
      await admin.end();
    }
    return name;
  })();
  return postgresTemplateName;
}
