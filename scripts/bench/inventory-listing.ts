#!/usr/bin/env node
/**
 * Asset listing benchmark (SPEC §5: with filters at 50,000 assets, p95 under 50 ms). Seeds 50,000 assets
 * through the CSV intake API (8 kinds), 3,000 employees holding kits, some in repair, lost and retired;
 * then, through HTTP, 200 sequential requests per query shape (after 20 warm-up requests) and p50/p95.
 * Reference, same run, right after each shape: the very SELECTs those requests made (SQL and parameters recorded
 * as the repository sent them) replayed straight on the database driver, same warm-up, same 200, p50/p95 — the
 * floor for that query with no HTTP, auth, validation, TypeORM or JSON around it.
 *
 *   npm run build && node dist/scripts/bench/inventory-listing.js [--requests 200]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/inventory-listing.js
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AssetEntity } from '../../src/inventory/asset.entity';
import { createEmployee, createService } from '../../test/factories/people.factory';
import { arg, BenchApp, call, createLot, createModel, machine, must, percentile, rng, serialsCsv, startBenchApp } from './inventory-bench-common';
import { Captured, captureQueries, rawSql } from './raw-sql';

const REQUESTS = arg('requests', 200);
const EMPLOYEES = arg('employees', 3000);
const PLAN: [string, string, string, number][] = [
  ['laptop', 'Lenovo', 'ThinkPad T14', 20_000],
  ['docking_station', 'Lenovo', 'USB-C Dock', 8_000],
  ['monitor', 'Dell', 'P2422H', 6_000],
  ['keyboard', 'Logitech', 'K120', 4_000],
  ['mouse', 'Logitech', 'M100', 4_000],
  ['webcam', 'Logitech', 'C920', 3_000],
  ['headset', 'Jabra', 'Evolve 20', 3_000],
  ['mobile_router', 'Huawei', 'E5576', 2_000],
];

async function seed(b: BenchApp): Promise<{ models: Record<string, string>; lots: Record<string, string>; employees: string[] }> {
  const models: Record<string, string> = {};
  const lots: Record<string, string> = {};
  let offset = 0;
  for (const [kind, manufacturer, model, count] of PLAN) {
    models[kind] = (await createModel(b, kind, manufacturer, model)).id;
    lots[kind] = (await createLot(b, models[kind], count)).id;
    const prefix = kind.slice(0, 2).toUpperCase();
    await must(b, 'POST', `/api/v1/assets/import?lotId=${lots[kind]}`, b.tech, serialsCsv(prefix, count, offset), 'text/csv');
    offset += count;
  }
  process.stderr.write(`imported ${offset} assets\n`);
  const service = await createService(b.dataSource, { code: 'BENCH', name: 'Servizio benchmark' });
  const employees: string[] = [];
  await b.dataSource.transaction(async (m) => {
    // the factory only needs getRepository, which a transaction's manager has too
    for (let i = 0; i < EMPLOYEES; i++) employees.push((await createEmployee(m as unknown as DataSource, { serviceId: service.id })).id);
  });
  process.stderr.write(`created ${employees.length} employees\n`);
  // Kits out (laptop, dock, headset for everyone; a monitor for every other), a few in repair, lost, retired.
  const idsOf = async (kind: string, n: number): Promise<string[]> =>
    (
      await b.dataSource
        .getRepository(AssetEntity)
        .createQueryBuilder('a')
        .select('a.id', 'id')
        .where('a.kind = :kind', { kind })
        .orderBy('a.serial')
        .limit(n)
        .getRawMany()
    ).map((r: { id: string }) => r.id);
  const laptops = await idsOf('laptop', EMPLOYEES + 700);
  const docks = await idsOf('docking_station', EMPLOYEES);
  const headsets = await idsOf('headset', Math.min(3000, EMPLOYEES) + 0);
  const monitors = await idsOf('monitor', Math.ceil(EMPLOYEES / 2));
  const now = new Date().toISOString();
  await b.dataSource.transaction(async (m) => {
    for (let i = 0; i < EMPLOYEES; i++) {
      const kit = [laptops[i], docks[i], headsets[i % headsets.length], ...(i % 2 === 0 ? [monitors[i / 2]] : [])].filter(Boolean);
      const marks = kit.map((_, k) => (b.database === 'postgres' ? `$${k + 3}` : '?'));
      const [p1, p2] = b.database === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      await m.query(`UPDATE assets SET state = 'assigned', holder_employee_id = ${p1}, assigned_at = ${p2} WHERE id IN (${marks.join(', ')})`, [
        employees[i],
        now,
        ...kit,
      ]);
    }
    const rest = laptops.slice(EMPLOYEES);
    for (const [state, ids] of [
      ['in_repair', rest.slice(0, 400)],
      ['lost', rest.slice(400, 550)],
      ['retired', rest.slice(550, 700)],
    ] as const) {
      await m.createQueryBuilder().update(AssetEntity).set({ state }).where('id IN (:...ids)', { ids }).execute();
    }
  });
  process.stderr.write('kits assigned\n');
  if (b.database === 'postgres') await b.dataSource.query('ANALYZE assets');
  else await b.dataSource.query('ANALYZE');
  return { models, lots, employees };
}

async function main(): Promise<void> {
  const b = await startBenchApp();
  try {
    const t0 = performance.now();
    const { models, lots, employees } = await seed(b);
    const seedMs = performance.now() - t0;
    const count = Number((await b.dataSource.query('SELECT COUNT(*) AS n FROM assets'))[0].n);
    const random = rng(7);
    // a cursor half-way through the laptops sorted by serial: keyset pages cost the same at any depth
    let deepCursor = '';
    {
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res: { nextCursor: string | null } = await must(
          b,
          'GET',
          `/api/v1/assets?kind=laptop&sort=serial&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
          b.tech,
        );
        cursor = res.nextCursor;
      }
      deepCursor = cursor ?? '';
    }
    const shapes: [string, () => string][] = [
      ['no filter, by tag', () => '/api/v1/assets?limit=50'],
      ['kind+state', () => '/api/v1/assets?kind=laptop&state=in_stock&limit=50'],
      ['state, newest first', () => '/api/v1/assets?state=assigned&sort=-createdAt&limit=50'],
      ['model, by serial', () => `/api/v1/assets?modelId=${models.docking_station}&sort=serial&limit=50`],
      ['lot', () => `/api/v1/assets?lotId=${lots.laptop}&limit=50`],
      ['employee holding', () => `/api/v1/assets?employeeId=${employees[Math.floor(random() * employees.length)]}`],
      [
        'search: serial prefix',
        () =>
          `/api/v1/assets?q=LA${String(Math.floor(random() * 20_000))
            .padStart(8, '0')
            .slice(0, 6)}&limit=50`,
      ],
      [
        'search: part of tag/serial',
        () =>
          `/api/v1/assets?contains=${String(Math.floor(random() * 50_000))
            .padStart(8, '0')
            .slice(2, 8)}&limit=50`,
      ],
      ['deep page (row 10,000)', () => `/api/v1/assets?kind=laptop&sort=serial&limit=50&cursor=${deepCursor}`],
      ['kind+state rare, desc', () => '/api/v1/assets?kind=laptop&state=in_repair&sort=-serial&limit=50'],
      ['page of 500', () => '/api/v1/assets?kind=laptop&limit=500'],
    ];
    const results: Record<
      string,
      { p50: number; p95: number; rows: number; sqlP50: number; sqlP95: number; sqlRows: number; ratioP50: number; ratioP95: number }
    > = {};
    const all: number[] = [];
    const allSql: number[] = [];
    const capture = captureQueries(b.dataSource);
    const raw = await rawSql(b.dataSource);
    /** The listing SELECT a request made (auth and other statements left out): exactly one per request. */
    const listingQuery = (name: string): Captured => {
      const listing = capture.take().filter((q) => /FROM "assets" "a"/.test(q.sql));
      if (listing.length !== 1) throw new Error(`${name}: ${listing.length} listing queries in one request`);
      return listing[0];
    };
    for (const [name, url] of shapes) {
      capture.on = true;
      capture.take();
      const warmQueries: Captured[] = [];
      for (let i = 0; i < 20; i++) {
        await call(b, 'GET', url(), b.tech);
        warmQueries.push(listingQuery(name));
      }
      const times: number[] = [];
      const queries: Captured[] = [];
      let rows = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const res = await call<{ items: unknown[] }>(b, 'GET', url(), b.tech);
        times.push(performance.now() - s);
        if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
        rows = res.body.items.length;
        queries.push(listingQuery(name));
      }
      capture.on = false;
      // the reference: the same statements, same order, on the driver
      for (const q of warmQueries) await raw.query(q.sql, q.params);
      const sqlTimes: number[] = [];
      let sqlRows = 0;
      for (const q of queries) {
        const s = performance.now();
        const r = await raw.query(q.sql, q.params);
        sqlTimes.push(performance.now() - s);
        sqlRows = r.length;
      }
      all.push(...times);
      allSql.push(...sqlTimes);
      const [p50, p95, sqlP50, sqlP95] = [percentile(times, 50), percentile(times, 95), percentile(sqlTimes, 50), percentile(sqlTimes, 95)];
      results[name] = {
        p50: +p50.toFixed(1),
        p95: +p95.toFixed(1),
        rows,
        sqlP50: +sqlP50.toFixed(2),
        sqlP95: +sqlP95.toFixed(2),
        sqlRows,
        ratioP50: +(p50 / sqlP50).toFixed(1),
        ratioP95: +(p95 / sqlP95).toFixed(1),
      };
    }
    raw.release();
    process.stdout.write(
      JSON.stringify(
        {
          machine: machine(),
          date: new Date().toISOString(),
          database: b.database,
          assets: count,
          seedSeconds: +(seedMs / 1000).toFixed(1),
          requestsPerShape: REQUESTS,
          reference: 'the same SELECT statements and parameters, replayed on the database driver (sqlite3 connection / one pg client); sqlRows = limit + 1',
          overall: {
            p50: +percentile(all, 50).toFixed(1),
            p95: +percentile(all, 95).toFixed(1),
            sqlP50: +percentile(allSql, 50).toFixed(2),
            sqlP95: +percentile(allSql, 95).toFixed(2),
            ratioP95: +(percentile(all, 95) / percentile(allSql, 95)).toFixed(1),
          },
          results,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await b.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
