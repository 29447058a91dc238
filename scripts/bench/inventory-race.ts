#!/usr/bin/env node
/**
 * Handover race benchmark (SPEC §5: 50 concurrent clients racing to hand over 200 assets: zero double
 * assignments, zero lost audit events). Each client holds its own employee (who passes the gate) and tries
 * every asset once, in its own random order, through HTTP. Afterwards: every asset assigned exactly once,
 * one handover and one `handover.created` audit event per 201, every other answer 409, chain verified.
 *
 *   npm run build && node dist/scripts/bench/inventory-race.js [--clients 50] [--assets 200]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/inventory-race.js
 */
import { performance } from 'node:perf_hooks';
import { calendarDate } from '../../src/common/clock';
import { createProvisionableEmployee } from '../../test/factories';
import { arg, call, createLot, createModel, machine, must, rng, serialsCsv, startBenchApp } from './inventory-bench-common';

const CLIENTS = arg('clients', 50);
const ASSETS = arg('assets', 200);

async function main(): Promise<void> {
  const b = await startBenchApp();
  try {
    const model = await createModel(b, 'laptop', 'Lenovo', 'ThinkPad Race');
    const lot = await createLot(b, model.id, ASSETS);
    await must(b, 'POST', `/api/v1/assets/import?lotId=${lot.id}`, b.tech, serialsCsv('RC', ASSETS), 'text/csv');
    const assetIds = (await b.dataSource.query<{ id: string }[]>(`SELECT id FROM assets WHERE lot_id = '${lot.id}'`)).map((r) => r.id);
    const today = calendarDate(new Date(), 'Europe/Rome');
    const employees: string[] = [];
    for (let i = 0; i < CLIENTS; i++) employees.push((await createProvisionableEmployee(b.dataSource, { today })).employee.id);
    const eventsBefore = Number((await b.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n);

    const statuses = new Map<number, number>();
    let won = 0;
    const t0 = performance.now();
    await Promise.all(
      employees.map(async (employeeId, c) => {
        const random = rng(1000 + c);
        const order = [...assetIds].sort(() => random() - 0.5);
        for (const assetId of order) {
          const res = await call(b, 'POST', '/api/v1/handovers', b.tech, { employeeId, assetIds: [assetId] });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) won++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;

    const perAsset: { n: string | number }[] = await b.dataSource.query(
      `SELECT COUNT(*) AS n FROM handover_items i JOIN assets a ON a.id = i.asset_id WHERE a.lot_id = '${lot.id}' GROUP BY i.asset_id`,
    );
    const doubleAssigned = perAsset.filter((r) => Number(r.n) > 1).length;
    const assigned = Number((await b.dataSource.query(`SELECT COUNT(*) AS n FROM assets WHERE lot_id = '${lot.id}' AND state = 'assigned'`))[0].n);
    const handovers = Number((await b.dataSource.query('SELECT COUNT(*) AS n FROM handovers'))[0].n);
    const created = Number((await b.dataSource.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'handover.created'"))[0].n);
    const eventsAfter = Number((await b.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n);
    const verify = await must<{ ok: boolean; events: number }>(b, 'GET', '/api/v1/audit/verify', b.admin);
    const results = {
      machine: machine(),
      date: new Date().toISOString(),
      database: b.database,
      clients: CLIENTS,
      assets: ASSETS,
      requests: CLIENTS * ASSETS,
      seconds: +seconds.toFixed(1),
      requestsPerSecond: Math.round((CLIENTS * ASSETS) / seconds),
      statuses: Object.fromEntries(statuses),
      won,
      assetsAssigned: assigned,
      doubleAssignments: doubleAssigned,
      handovers,
      handoverCreatedEvents: created,
      lostAuditEvents: won - created,
      newAuditEvents: eventsAfter - eventsBefore,
      auditChain: verify,
    };
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    const ok =
      won === ASSETS &&
      assigned === ASSETS &&
      doubleAssigned === 0 &&
      handovers === ASSETS &&
      created === won &&
      verify.ok &&
      (statuses.get(409) ?? 0) === CLIENTS * ASSETS - ASSETS;
    if (!ok) process.exitCode = 1;
  } finally {
    await b.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
