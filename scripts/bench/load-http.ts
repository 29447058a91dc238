#!/usr/bin/env node
/**
 * HTTP load benchmark: the real service (`node dist/src/main.js`, started here as a child process on a free
 * 127.0.0.1 port with a throwaway DATA_DIR) under concurrent clients, with autocannon. SQLite by default;
 * PostgreSQL when DATABASE_URL is set (use a throwaway database: the bench writes thousands of rows).
 *
 * Seeded first through the public API with the bootstrap admin token (not measured): the POLA activity map
 * (23 services, 676 activities), 927 employees (one manager per service), 150 of them provisionable (a
 * remote-capable activity, an agreement signed by both parties and in force, safety notice delivered),
 * 5 purchase lots with 5,500 assets through the CSV intake, and 100 kits (laptop, dock, headset) handed over.
 *
 * Then each scenario runs for DURATION seconds (after a 1 s warm-up that is not recorded):
 *  - reads, 20 connections: /health, asset listing with filters and search, asset by id, employee listing and
 *    search, an employee's provisioning status, stock, planning, the POLA indicators;
 *  - writes, 10 connections: POST /api/v1/assets (a new serial each request) and POST /api/v1/handovers (one
 *    in-stock laptop each request to a provisionable employee).
 * Why these numbers: the municipality has ~30 technicians and hot-line operators (927 employees do not call
 * the API themselves). 30 people clicking every few seconds make ~10 requests/s with 1–3 in flight; 20
 * connections without think time are a burst of two thirds of the staff pressing Enter at the same instant,
 * far above the daily load. Writes are rarer and serialise on the database (audit chain, SQLite's single
 * writer): 10 connections are a third of the staff handing over kits at once (the 2020 emergency rush).
 * Latency percentiles are computed from every response's own time (autocannon's histogram has no p95).
 * Any non-2xx answer, connection error or timeout under this load, an error logged by the service, or an audit
 * chain that no longer verifies afterwards makes the script exit 1.
 *
 *   npm run build && node dist/scripts/bench/load-http.js [--duration 10] [--connections 20] [--write-connections 10]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/load-http.js
 *   BENCH_OUT=results.json: also write the results as JSON there.  npm run bench:load builds and runs it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { arg } from './inventory-bench-common';
import { machine } from './pki-bench-common';
import { runScenario, ScenarioResult, scenarios, table } from './load-http-scenarios';
import { must, seed } from './load-http-seed';
import { startService } from './load-http-service';

const DURATION = arg('duration', Number(process.env.BENCH_DURATION ?? 10));
const READ_CONNECTIONS = arg('connections', 20);
const WRITE_CONNECTIONS = arg('write-connections', 10);

const loadavg = () => (fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').trim() : os.loadavg().join(' '));

async function main(): Promise<void> {
  const loadavgAtStart = loadavg();
  const s = await startService();
  let failed = false;
  const stopOnSignal = () => void s.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    process.stderr.write(`service on ${s.url} (${s.database}), seeding…\n`);
    const seeded = await seed(s);
    process.stderr.write(`seeded in ${seeded.seconds} s: ${JSON.stringify(seeded.counts)}\n`);
    const results: ScenarioResult[] = [];
    for (const sc of scenarios(seeded)) {
      const connections = sc.kind === 'read' ? READ_CONNECTIONS : WRITE_CONNECTIONS;
      await runScenario(s, sc, connections, 1, false); // warm-up (JIT, caches, connection pools): not recorded
      results.push(await runScenario(s, sc, connections, DURATION));
    }
    // After concurrent writes the hash-chained audit log must still verify (no lost or interleaved events).
    const audit = await must<{ ok: boolean; events: number }>(s, s.admin, 'GET', '/api/v1/audit/verify');
    failed = results.some((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) || s.errorLines.length > 0 || !audit.ok;
    const report = {
      machine: machine(),
      date: new Date().toISOString(),
      loadavgAtStart,
      loadavgAtEnd: loadavg(),
      database: s.database,
      durationSeconds: DURATION,
      readConnections: READ_CONNECTIONS,
      writeConnections: WRITE_CONNECTIONS,
      seed: { ...seeded.counts, seconds: seeded.seconds },
      results,
      auditChain: audit,
      serviceErrorLogs: s.errorLines,
      serviceWarnings: s.warnings,
      ok: !failed,
    };
    process.stdout.write(
      `\n${report.machine}\n${report.date}, /proc/loadavg at start ${report.loadavgAtStart}, at end ${report.loadavgAtEnd}; ${DURATION} s per endpoint, reads ${READ_CONNECTIONS} connections, writes ${WRITE_CONNECTIONS}\n\n`,
    );
    process.stdout.write(table(s.database === 'postgres' ? 'PostgreSQL' : 'SQLite', results) + '\n');
    process.stdout.write(`\naudit chain after the writes: ${audit.ok ? 'intact' : 'BROKEN'} (${audit.events} events)\n`);
    for (const r of results.filter((x) => x.samples.length))
      process.stdout.write(`\n${r.name}: ${JSON.stringify(r.statusCodes)}\n  ${r.samples.join('\n  ')}\n`);
    if (s.errorLines.length) process.stdout.write(`\nservice error logs (first ${s.errorLines.length}):\n  ${s.errorLines.join('\n  ')}\n`);
    if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(report, null, 2) + '\n');
    if (failed) process.stderr.write('\nFAILED: non-2xx answers, connection errors, timeouts, error logs or a broken audit chain under the target load\n');
  } finally {
    await s.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
