import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthSessionParent1765210000000 } from '../../../src/auth/migrations/1765210000000-session-parent';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions, runMigrations } from '../../../src/database/data-source';
import { migrations } from '../../../src/database/migrations';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';

const STAMP = '2026-01-01T08:00:00.000Z';

function sql(d: DataSource, text: string, params: Record<string, unknown>): Promise<Record<string, string | null>[]> {
  const [query, values] = d.driver.escapeQueryWithParameters(text, params, {});
  return d.query(query, values);
}

/**
 * Sessions opened before sessions recorded their parent carry it in their subject (`token:<id>`): the migration
 * backfills `parent_token_id` from there, so existing cookies also die with their API token. On whichever
 * database the runner selected; and back down.
 */
describe('migration: sessions record their parent token', () => {
  let db: TestDatabase;
  let ds: DataSource | undefined;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...db.env });
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db.drop();
  });

  async function open(list: typeof migrations): Promise<DataSource> {
    if (ds?.isInitialized) await ds.destroy();
    ds = new DataSource({ ...dataSourceOptions(config), migrations: list });
    await ds.initialize();
    return ds;
  }

  const insert = (d: DataSource, row: { id: string; kind: string; subject: string | null }) =>
    sql(d, `INSERT INTO api_tokens (id, name, role, token_hash, kind, subject, created_at) VALUES (:id, 'x', 'hotline', :hash, :kind, :subject, :at)`, {
      ...row,
      hash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
      at: STAMP,
    });
  const parents = async (d: DataSource) =>
    Object.fromEntries((await sql(d, `SELECT id, parent_token_id FROM api_tokens`, {})).map((r) => [r.id, r.parent_token_id]));

  it('backfills the parent of sessions opened from an API token, leaves the others, and goes back down', async () => {
    const before = await open(migrations.filter((m) => m !== AuthSessionParent1765210000000));
    await runMigrations(before);
    const api = randomUUID();
    const fromApi = randomUUID();
    const directory = randomUUID();
    const dn = randomUUID();
    await insert(before, { id: api, kind: 'api', subject: null });
    await insert(before, { id: fromApi, kind: 'session', subject: `token:${api}` });
    await insert(before, { id: directory, kind: 'session', subject: `employee:${randomUUID()}` });
    await insert(before, { id: dn, kind: 'session', subject: 'uid=mrossi,ou=people,dc=comune,dc=it' });

    const after = await open(migrations);
    expect(await runMigrations(after)).toEqual(['AuthSessionParent1765210000000']);
    expect(await parents(after)).toEqual({ [api]: null, [fromApi]: api, [directory]: null, [dn]: null });
    const runner = after.createQueryRunner();
    const table = (await runner.getTable('api_tokens'))!;
    await runner.release();
    expect(table.indices.map((i) => i.name)).toContain('IDX_api_tokens_parent');

    await after.undoLastMigration({ transaction: 'each' });
    await expect(parents(after)).rejects.toThrow();
    expect(Number((await sql(after, `SELECT COUNT(*) AS n FROM api_tokens`, {}))[0].n)).toBe(4);
    expect(await runMigrations(after)).toEqual(['AuthSessionParent1765210000000']);
    expect((await parents(after))[fromApi]).toBe(api);
  });
});
