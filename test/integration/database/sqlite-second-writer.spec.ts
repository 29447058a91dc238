import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions } from '../../../src/database/data-source';
import { UnitOfWork } from '../../../src/database/unit-of-work';

/**
 * `npm run demo` beside a running service (README, "Demo municipality"): two processes write one SQLite file. Each
 * opens it with the service's own options (WAL, busy_timeout) and writes through the UnitOfWork, as the demo does
 * (it builds the application context). A deferred transaction that reads, then writes after the other process
 * committed, got SQLITE_BUSY at once whatever the timeout; units now take the write lock up front and wait.
 */
describe('SQLite: a second process writing the same file (the demo beside the service)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-second-writer-'));
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' });
  let service: DataSource;
  let demo: DataSource;

  beforeAll(async () => {
    service = new DataSource(dataSourceOptions(config));
    await service.initialize();
    await service.query('CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, seen INTEGER NOT NULL)');
    demo = new DataSource(dataSourceOptions(config));
    await demo.initialize();
  });

  afterAll(async () => {
    await demo?.destroy();
    await service?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("waits for the other process's open write transaction instead of failing with SQLITE_BUSY", async () => {
    const other = service.createQueryRunner();
    await other.query('BEGIN IMMEDIATE');
    await other.query(`INSERT INTO items (source, seen) VALUES ('service', 0)`);
    const commitLater = new Promise<void>((resolve, reject) => setTimeout(() => void other.query('COMMIT').then(() => resolve(), reject), 400));
    // read first, then write: the demo's steps look for what they would write before writing it
    const written = await new UnitOfWork(demo).run(async (tx) => {
      const [{ n }] = await tx.manager.query('SELECT COUNT(*) AS n FROM items');
      await tx.manager.query(`INSERT INTO items (source, seen) VALUES ('demo', ?)`, [n]);
      return Number(n);
    });
    await commitLater;
    expect(written).toBe(1); // it ran after the other commit, and saw it
    expect(await demo.query('SELECT source FROM items ORDER BY id')).toEqual([{ source: 'service' }, { source: 'demo' }]);
  });

  it('two instances writing read-then-write units at once: every unit commits, none is lost', async () => {
    const uows = [new UnitOfWork(service), new UnitOfWork(demo)];
    const before = Number((await service.query('SELECT COUNT(*) AS n FROM items'))[0].n);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        uows[i % 2].run(async (tx) => {
          const [{ n }] = await tx.manager.query('SELECT COUNT(*) AS n FROM items');
          await new Promise((r) => setTimeout(r, 5));
          await tx.manager.query('INSERT INTO items (source, seen) VALUES (?, ?)', [i % 2 ? 'demo' : 'service', n]);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(Number((await demo.query('SELECT COUNT(*) AS n FROM items'))[0].n)).toBe(before + 40);
  });
});
