import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { sqliteInsertMany } from '../../../src/database/sqlite-bulk-insert';
import { UnitOfWork } from '../../../src/database/unit-of-work';

/**
 * sqliteInsertMany (src/database/sqlite-bulk-insert.ts) on a real SQLite file: the rows land in the caller's
 * transaction (a unit that fails afterwards leaves none of them, and neither does a chunk that breaks a
 * constraint half-way), a short last chunk gets a statement of its own, values keep their types, and a statement
 * that cannot be prepared is an error of the unit, not an unhandled event.
 */
describe('sqliteInsertMany', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bulk-insert-'));
  const file = path.join(dir, 'db.sqlite');
  let ds: DataSource;
  let reader: DataSource;
  let uow: UnitOfWork;

  beforeAll(async () => {
    ds = new DataSource({ type: 'sqlite', database: file });
    await ds.initialize();
    await ds.query('PRAGMA journal_mode = WAL');
    await ds.query('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, flag BOOLEAN NOT NULL, note TEXT)');
    reader = new DataSource({ type: 'sqlite', database: file });
    await reader.initialize();
    uow = new UnitOfWork(ds);
  });

  afterAll(async () => {
    await reader?.destroy();
    await ds?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => ds.query('DELETE FROM items'));

  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => [from + i, `item ${from + i}`, (from + i) % 2 === 0, i % 3 ? null : undefined]);
  const count = async () => Number((await reader.query('SELECT COUNT(*) AS n FROM items'))[0].n);

  it('writes every row, in chunks with a shorter last one, with 0/1 for booleans and NULL for undefined, and reports progress', async () => {
    const progress: number[] = [];
    await uow.run((tx) => sqliteInsertMany(tx, 'items', ['id', 'label', 'flag', 'note'], rows(1, 1_234), 100, (n) => progress.push(n)));
    expect(await count()).toBe(1_234);
    // one report a chunk, growing by a chunk's rows (the short last chunk has a statement of its own and may finish
    // before the one ahead of it), up to every row
    expect(progress).toHaveLength(13);
    const steps = progress.map((n, i) => n - (progress[i - 1] ?? 0)).sort((a, b) => a - b);
    expect(steps).toEqual([34, ...Array.from({ length: 12 }, () => 100)]);
    expect(progress[12]).toBe(1_234);
    const sample = await reader.query('SELECT id, label, flag, note FROM items WHERE id IN (1, 2, 1234) ORDER BY id');
    expect(sample).toEqual([
      { id: 1, label: 'item 1', flag: 0, note: null },
      { id: 2, label: 'item 2', flag: 1, note: null },
      { id: 1234, label: 'item 1234', flag: 1, note: null },
    ]);
  });

  it('belongs to the unit of work: a unit that fails after inserting leaves no row', async () => {
    await expect(
      uow.run(async (tx) => {
        await sqliteInsertMany(tx, 'items', ['id', 'label', 'flag', 'note'], rows(1, 900), 200);
        throw new Error('changes its mind');
      }),
    ).rejects.toThrow('changes its mind');
    expect(await count()).toBe(0);
  });

  it('fails with the constraint a later chunk breaks, after every chunk has settled, and the unit writes nothing', async () => {
    const clash = [...rows(1, 700), [5_000, 'item 3', true, null], ...rows(701, 700)];
    const error = await uow.run((tx) => sqliteInsertMany(tx, 'items', ['id', 'label', 'flag', 'note'], clash, 100)).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/UNIQUE constraint failed: items.label/);
    expect(await count()).toBe(0);
    // the connection is usable afterwards, outside any transaction left open
    await uow.run((tx) => sqliteInsertMany(tx, 'items', ['id', 'label', 'flag', 'note'], rows(1, 3), 100));
    expect(await count()).toBe(3);
  });

  it('reports a statement that cannot be prepared as the unit failing', async () => {
    await expect(uow.run((tx) => sqliteInsertMany(tx, 'no_such_table', ['id'], [[1], [2]], 10))).rejects.toThrow(/no such table: no_such_table/);
    expect(await count()).toBe(0);
  });

  it('is for SQLite transactions only', async () => {
    const fakePostgres = { kind: 'postgres', manager: ds.manager } as unknown as Parameters<typeof sqliteInsertMany>[0];
    await expect(sqliteInsertMany(fakePostgres, 'items', ['id'], [[1]], 10)).rejects.toThrow('sqliteInsertMany is for SQLite');
  });
});
