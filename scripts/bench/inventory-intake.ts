#!/usr/bin/env node
/**
 * CSV intake benchmark (SPEC §5: 40,000 assets with validation and dry run under 20 s). Through HTTP: a
 * dry run of a clean file (median of 3), a dry run of the same size with 10% bad rows (every error listed),
 * the real run (atomic, one transaction), and a rejected real run of the bad file (nothing written).
 * Reference, same run: the same 40,000 asset rows (read back from the real run, deleted, then loaded again)
 * with plain multi-row INSERTs in one transaction, straight on the database driver — no HTTP, no parsing, no
 * validation, no tags, no audit — median of 3 (deleted again between loads; VACUUM on PostgreSQL).
 *
 *   npm run build && node dist/scripts/bench/inventory-intake.js [--rows 40000] [--ref-chunk 1000]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/inventory-intake.js
 */
import { performance } from 'node:perf_hooks';
import { AssetEntity } from '../../src/inventory/asset.entity';
import { arg, BenchApp, call, createLot, createModel, machine, startBenchApp } from './inventory-bench-common';
import { serialsCsv } from './inventory-bench-common';
import { rawSql } from './raw-sql';

const ROWS = arg('rows', 40_000);
/** Rows per INSERT statement of the reference; 0: 2,000 on PostgreSQL, 1,000 on SQLite (the fastest tried). */
const REF_CHUNK = arg('ref-chunk', 0);

/**
 * The reference: the lot's rows, as the real run wrote them, inserted again with plain SQL. Rows per statement:
 * as many as the drivers' parameter limits comfortably allow (PostgreSQL 65,535, SQLite 3.44 32,766).
 */
async function plainSqlLoad(b: BenchApp, lotId: string, runs: number): Promise<{ ms: number[]; rows: number; rowsPerStatement: number }> {
  const raw = await rawSql(b.dataSource);
  try {
    const columns = b.dataSource.getMetadata(AssetEntity).columns.map((c) => c.databaseName);
    const columnList = columns.map((c) => `"${c}"`).join(', ');
    // serials were generated in file order, so this is the order the real run inserted them in
    const rows = await raw.query(`SELECT ${columnList} FROM "assets" WHERE "lot_id" = ${raw.mark(1)} ORDER BY "serial"`, [lotId]);
    const values = rows.map((r) => columns.map((c) => r[c] ?? null));
    const perStatement = REF_CHUNK || (raw.kind === 'postgres' ? 2000 : 1000);
    const ms: number[] = [];
    for (let run = 0; run < runs; run++) {
      await raw.query(`DELETE FROM "assets" WHERE "lot_id" = ${raw.mark(1)}`, [lotId]);
      if (raw.kind === 'postgres') await raw.query('VACUUM "assets"');
      const t0 = performance.now();
      await raw.query('BEGIN');
      try {
        for (let i = 0; i < values.length; i += perStatement) {
          const chunk = values.slice(i, i + perStatement);
          const params: unknown[] = [];
          const tuples = chunk.map((row) => `(${row.map((v) => (params.push(v), raw.mark(params.length))).join(', ')})`);
          await raw.query(`INSERT INTO "assets" (${columnList}) VALUES ${tuples.join(', ')}`, params);
        }
        await raw.query('COMMIT');
      } catch (err) {
        await raw.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      ms.push(performance.now() - t0);
    }
    return { ms, rows: values.length, rowsPerStatement: perStatement };
  } finally {
    raw.release();
  }
}

async function main(): Promise<void> {
  const b = await startBenchApp();
  try {
    const model = await createModel(b, 'laptop', 'Lenovo', 'ThinkPad Bench');
    const lot = await createLot(b, model.id, ROWS);
    const clean = serialsCsv('BN', ROWS);
    // 10% bad: every tenth row repeats the previous serial (duplicate in file) or has a malformed MAC
    const bad = clean
      .split('\n')
      .map((line, i) =>
        i > 0 && line && i % 20 === 0 ? line.replace(/,[^,]*$/, ',zz:zz') : i > 0 && line && i % 20 === 10 ? line.replace(/^BN\d+/, 'BN00000001') : line,
      )
      .join('\n');
    const post = async (csv: string, dryRun: boolean) => {
      const t0 = performance.now();
      const res = await call<{ ok?: boolean; rows?: number; created?: number; errors?: unknown[]; error?: { code: string; details: { errors: unknown[] } } }>(
        b,
        'POST',
        `/api/v1/assets/import?lotId=${lot.id}&dryRun=${dryRun}`,
        b.tech,
        csv,
        'text/csv',
      );
      return { ms: performance.now() - t0, status: res.status, body: res.body };
    };

    const dry = [];
    for (let i = 0; i < 3; i++) dry.push(await post(clean, true));
    const dryMedian = [...dry].sort((x, y) => x.ms - y.ms)[1];
    const dryBad = await post(bad, true);
    const rejected = await post(bad, false);
    const real = await post(clean, false);
    const count: { n: string }[] = await b.dataSource.query('SELECT COUNT(*) AS n FROM assets');
    const reference = real.status === 200 ? await plainSqlLoad(b, lot.id, 3) : { ms: [NaN], rows: 0, rowsPerStatement: 0 };
    const referenceMs = [...reference.ms].sort((x, y) => x - y)[Math.floor(reference.ms.length / 2)];
    const countAfter: { n: string }[] = await b.dataSource.query('SELECT COUNT(*) AS n FROM assets');

    const results = {
      machine: machine(),
      date: new Date().toISOString(),
      database: b.database,
      rows: ROWS,
      csvBytes: Buffer.byteLength(clean),
      dryRunCleanMs: Math.round(dryMedian.ms),
      dryRunCleanOk: dryMedian.body.ok,
      dryRunBadMs: Math.round(dryBad.ms),
      dryRunBadErrors: dryBad.body.errors?.length,
      rejectedRealRunMs: Math.round(rejected.ms),
      rejectedStatus: rejected.status,
      rejectedErrors: rejected.body.error?.details.errors.length,
      realRunMs: Math.round(real.ms),
      realRunStatus: real.status,
      created: real.body.created,
      assetsInDatabase: Number(count[0].n),
      reference: `plain multi-row INSERT of the same ${reference.rows} rows, ${reference.rowsPerStatement} rows per statement, one transaction, on the driver (median of ${reference.ms.length})`,
      referenceMs: Math.round(referenceMs),
      referenceRunsMs: reference.ms.map((x) => Math.round(x)),
      assetsAfterReference: Number(countAfter[0].n),
      ratioRealRunToReference: +(real.ms / referenceMs).toFixed(1),
      ratioDryRunCleanToReference: +(dryMedian.ms / referenceMs).toFixed(1),
    };
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    if (real.status !== 200 || Number(count[0].n) !== ROWS || Number(countAfter[0].n) !== ROWS || reference.rows !== ROWS || rejected.status !== 422)
      process.exitCode = 1;
  } finally {
    await b.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
