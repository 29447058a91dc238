#!/usr/bin/env node
/**
 * CSV intake benchmark (SPEC §5: 40,000 assets with validation and dry run under 20 s). Through HTTP: a
 * dry run of a clean file (median of 3), a dry run of the same size with 10% bad rows (every error listed),
 * the real run (atomic, one transaction), and a rejected real run of the bad file (nothing written).
 *
 *   npm run build && node dist/scripts/bench/inventory-intake.js [--rows 40000]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/inventory-intake.js
 */
import { performance } from 'node:perf_hooks';
import { arg, call, createLot, createModel, machine, startBenchApp } from './inventory-bench-common';
import { serialsCsv } from './inventory-bench-common';

const ROWS = arg('rows', 40_000);

async function main(): Promise<void> {
  const b = await startBenchApp();
  try {
    const model = await createModel(b, 'laptop', 'Lenovo', 'ThinkPad Bench');
    const lot = await createLot(b, model.id, ROWS);
    const clean = serialsCsv('BN', ROWS);
    // 10% bad: every tenth row repeats the previous serial (duplicate in file) or has a malformed MAC
    const bad = clean
      .split('\n')
      .map((line, i) => (i > 0 && line && i % 20 === 0 ? line.replace(/,[^,]*$/, ',zz:zz') : i > 0 && line && i % 20 === 10 ? line.replace(/^BN\d+/, 'BN00000001') : line))
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
    };
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    if (real.status !== 200 || Number(count[0].n) !== ROWS || rejected.status !== 422) process.exitCode = 1;
  } finally {
    await b.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
