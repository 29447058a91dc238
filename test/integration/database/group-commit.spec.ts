import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../../src/database/unit-of-work';

/**
 * Group commit on SQLite (src/database/unit-of-work.ts), on a real database file: concurrent units share one
 * COMMIT, a failing unit fails alone and leaves nothing, and a unit is answered only once its COMMIT is on disk
 * (a second connection, as another process would, already sees it).
 */
describe('unit of work on SQLite: group commit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-group-commit-'));
  const file = path.join(dir, 'db.sqlite');
  let ds: DataSource;
  let reader: DataSource;
  let uow: UnitOfWork;
  let commits = 0;

  beforeAll(async () => {
    ds = new DataSource({ type: 'sqlite', database: file });
    await ds.initialize();
    await ds.query('PRAGMA journal_mode = WAL');
    await ds.query('CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
    reader = new DataSource({ type: 'sqlite', database: file });
    await reader.initialize();
    // count the COMMITs the shared connection runs
    const runner = ds.createQueryRunner();
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (/^\s*COMMIT\b/i.test(sql)) commits += 1;
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof runner.query;
    uow = new UnitOfWork(ds);
  });

  afterAll(async () => {
    await reader?.destroy();
    await ds?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const committedIds = async (): Promise<number[]> => (await reader.query('SELECT id FROM items ORDER BY id')).map((r: { id: number }) => r.id);

  it('commits concurrent units together; a failing unit fails alone and writes nothing', async () => {
    commits = 0;
    const seenAfterCommit: boolean[] = [];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        uow.run(async (tx) => {
          await tx.manager.query('INSERT INTO items (id, label) VALUES (?, ?)', [i + 1, `item ${i + 1}`]);
          if (i === 6) throw new Error('unit 7 changes its mind after writing');
          if (i === 11) await tx.manager.query('INSERT INTO items (id, label) VALUES (?, ?)', [1, 'duplicate of 1']); // constraint violation
          await tx.manager.query('UPDATE items SET label = label || ?', ['']); // touches every row seen so far
          tx.afterCommit(() => seenAfterCommit.push(true));
          return i + 1;
        }),
      ),
    );
    const rejected = outcomes.map((o, i) => (o.status === 'rejected' ? i + 1 : null)).filter((x) => x !== null);
    expect(rejected).toEqual([7, 12]);
    expect((outcomes[6] as PromiseRejectedResult).reason.message).toBe('unit 7 changes its mind after writing');
    expect(String((outcomes[11] as PromiseRejectedResult).reason.message)).toMatch(/UNIQUE constraint failed/);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => n !== 7 && n !== 12),
    );
    // what another connection sees: every successful unit, nothing of the two that failed
    expect(await committedIds()).toEqual(Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => n !== 7 && n !== 12));
    expect((await reader.query('SELECT label FROM items WHERE id = 1'))[0].label).toBe('item 1');
    expect(seenAfterCommit).toHaveLength(28);
    // grouped: far fewer COMMITs than units (the first unit runs alone, the others queue behind it)
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(10);
  });

  it('answers a unit only once its commit is visible to another connection, and runs its after-commit hooks then', async () => {
    const visibleWhenHookRan: boolean[] = [];
    const ids = [101, 102, 103, 104, 105];
    const results = await Promise.all(
      ids.map((id) =>
        uow
          .run(async (tx) => {
            await tx.manager.query('INSERT INTO items (id, label) VALUES (?, ?)', [id, `late ${id}`]);
            tx.afterCommit(() => {
              // synchronous hook: check through the other connection right after
              void reader.query('SELECT COUNT(*) AS n FROM items WHERE id = ?', [id]).then((r) => visibleWhenHookRan.push(Number(r[0].n) === 1));
            });
            return id;
          })
          .then(async (value) => ({ value, visible: Number((await reader.query('SELECT COUNT(*) AS n FROM items WHERE id = ?', [value]))[0].n) === 1 })),
      ),
    );
    expect(results).toEqual(ids.map((value) => ({ value, visible: true })));
    await new Promise((r) => setTimeout(r, 50));
    expect(visibleWhenHookRan).toEqual(ids.map(() => true));
  });

  it('still runs one unit after another when the units come one at a time', async () => {
    commits = 0;
    for (const id of [201, 202, 203]) await uow.run((tx) => tx.manager.query('INSERT INTO items (id, label) VALUES (?, ?)', [id, 'solo']));
    expect(commits).toBe(3);
    await expect(uow.run(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect((await committedIds()).filter((id) => id > 200)).toEqual([201, 202, 203]);
  });
});
