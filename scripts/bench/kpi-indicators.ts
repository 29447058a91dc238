#!/usr/bin/env node
/**
 * POLA indicators benchmark (SPEC §5: all indicators for one year over 50,000 assets and 100,000 assignments,
 * under 100 ms). Bulk-inserts a municipality's history straight into the tables (multi-row INSERTs in one
 * transaction per table: 10,000 employees, 8,000 agreements, 500 lots, 50,000 assets, 100,000 handovers with
 * their items, 8,000 declarations, 5,000 certificates), then times KpiService.pola() — every indicator of a year,
 * the same call GET /api/v1/kpi/pola makes — for a closed year and the current one, cold (memo cleared) and with
 * the data unchanged since the last question (memo valid: one audit-head read), plus each query alone.
 * Reference, same run: every statement a cold KpiService.pola(year) sends (SQL and parameters recorded from one
 * call) replayed one after the other straight on the database driver — the sum of the raw queries per run,
 * same warm-up and number of runs, taken in turn with ours (ours, raw, ours, raw…) — and the ratio ours / raw.
 *
 *   npm run build && node dist/scripts/bench/kpi-indicators.js [--runs 30] [--cache-mb 64]
 *   DATABASE_URL=postgres://…/throwaway node dist/scripts/bench/kpi-indicators.js     (a throwaway database)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource, ObjectLiteral } from 'typeorm';
import { ActivityEntity } from '../../src/activities/activity.entity';
import { EmployeeActivityEntity } from '../../src/activities/employee-activity.entity';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { AppModule } from '../../src/app.module';
import { FixedClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { ServiceEntity } from '../../src/directory/service.entity';
import { AssetEntity } from '../../src/inventory/asset.entity';
import { DeclaredEquipmentEntity } from '../../src/inventory/declared-equipment.entity';
import { DeviceModelEntity } from '../../src/inventory/device-model.entity';
import { HandoverItemEntity } from '../../src/inventory/handover-item.entity';
import { HandoverEntity } from '../../src/inventory/handover.entity';
import { PurchaseLotEntity } from '../../src/inventory/purchase-lot.entity';
import { referencePoint } from '../../src/kpi/domain/reference-date';
import { KpiRepository } from '../../src/kpi/kpi.repository';
import { KpiService } from '../../src/kpi/kpi.service';
import { CertificateEntity } from '../../src/pki/certificate.entity';
import { Prng } from '../demo/prng';
import { Captured, captureQueries, rawSql } from './raw-sql';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 30);
/** SQLite page cache for the run (PRAGMA cache_size), in MiB; 0 keeps the driver's default (2 MiB). */
const CACHE_MB = arg('cache-mb', 0);
const ASSETS = arg('assets', 50_000);
const HANDOVERS = arg('handovers', 100_000);
const EMPLOYEES = arg('employees', 10_000);
const NOW = new Date('2026-11-27T10:00:00.000Z');

const rng = new Prng(42);
let idSeq = 0;
/** Deterministic UUID-shaped ids (v4 layout), cheaper than randomUUID and the same on every run. */
function id(): string {
  const h = (++idSeq).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}
const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoOf = (ms: number) => new Date(ms).toISOString();
const T2018 = Date.parse('2018-01-01T09:00:00Z');
const SPAN = Date.parse('2026-10-31T09:00:00Z') - T2018;

async function insertAll<T extends ObjectLiteral>(ds: DataSource, entity: new () => T, rows: T[], chunk: number): Promise<void> {
  await ds.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += chunk) await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + chunk)).execute();
  });
}

async function seed(ds: DataSource): Promise<Record<string, number>> {
  const t0 = performance.now();
  const stamp = '2018-01-01T00:00:00.000Z';
  const services: ServiceEntity[] = Array.from({ length: 23 }, (_, i) => ({ id: id(), code: `S${String(i).padStart(2, '0')}`, name: `Servizio ${i}`, active: true, createdAt: stamp, updatedAt: stamp }));
  await insertAll(ds, ServiceEntity, services, 100);
  const activities: ActivityEntity[] = services.flatMap((s, i) =>
    ['partially_remote', 'in_presence'].map((mode) => ({
      id: id(),
      naturalKey: `${s.code}|m|${mode}${i}`,
      serviceId: s.id,
      serviceCode: s.code,
      macroActivity: 'm',
      name: `${mode}${i}`,
      mode: mode as ActivityEntity['mode'],
      notes: null,
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  await insertAll(ds, ActivityEntity, activities, 200);
  const employees: EmployeeEntity[] = Array.from({ length: EMPLOYEES }, (_, i) => {
    const leaver = i % 50 === 0;
    return {
      id: id(),
      employeeNumber: `B${String(i).padStart(6, '0')}`,
      externalId: null,
      source: 'csv',
      username: `user${i}`,
      firstName: 'Nome',
      lastName: `Cognome ${i}`,
      email: null,
      serviceId: services[i % services.length].id,
      profile: 'Istruttore Amministrativo',
      category: 'C',
      isManager: false,
      isDirectorGeneral: false,
      disabledWorker: false,
      active: !leaver,
      deactivatedAt: leaver ? isoOf(T2018 + rng.next() * SPAN) : null,
      deactivationReason: leaver ? 'bench' : null,
      lastSyncedAt: null,
      directoryDn: null,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    };
  });
  await insertAll(ds, EmployeeEntity, employees, 500);
  const links: EmployeeActivityEntity[] = employees.map((e, i) => ({
    employeeId: e.id,
    activityId: activities[(i % services.length) * 2 + (i % 10 < 7 ? 0 : 1)].id,
    createdAt: stamp,
  }));
  await insertAll(ds, EmployeeActivityEntity, links, 1000);
  const agreements: AgreementEntity[] = [];
  for (let i = 0; i < EMPLOYEES; i++) {
    if (i % 10 >= 8) continue; // 80% of employees
    const start = T2018 + rng.next() * (SPAN * 0.8);
    const ended = rng.next() < 0.1;
    agreements.push({
      id: id(),
      employeeId: employees[i].id,
      state: ended ? 'withdrawn' : 'active',
      startDate: dateOf(start),
      endDate: null,
      remoteDaysPerWeek: 2,
      places: '["domicilio"]',
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'x',
      toolsProvided: '[]',
      objectives: 'x',
      resultsMonitoring: 'x',
      safetyNoticeDeliveredOn: dateOf(start),
      employeeSignedAt: isoOf(start - DAY),
      employeeSignerId: employees[i].id,
      managerSignedAt: isoOf(start - DAY),
      managerSignerId: employees[(i + 1) % EMPLOYEES].id,
      documentSha256: 'ab'.repeat(32),
      employeeSignatureRecordedBy: 'bench-hr',
      managerSignatureRecordedAt: isoOf(start - DAY),
      managerSignatureRecordedBy: 'bench-hr',
      managerSignatureReference: 'bench',
      managerSignatureConfirmedBy: 'bench-admin',
      suspendedAt: null,
      suspensionReason: null,
      withdrawalInitiatedBy: ended ? 'employer' : null,
      withdrawalNoticeDate: ended ? dateOf(start + 400 * DAY) : null,
      withdrawalEffectiveDate: ended ? dateOf(start + 400 * DAY) : null,
      withdrawalJustifiedCause: ended ? true : null,
      withdrawalReason: ended ? 'bench' : null,
      withdrawalBasis: ended ? 'justified_cause' : null,
      withdrawalNoticeDays: ended ? 0 : null,
      endedOn: ended ? dateOf(start + 400 * DAY) : null,
      createdBy: 'bench',
      createdAt: isoOf(start - 2 * DAY),
      updatedAt: isoOf(start - DAY),
      version: 3,
    });
  }
  await insertAll(ds, AgreementEntity, agreements, 300);

  const plan: [AssetEntity['kind'], number][] = [
    ['laptop', 0.6],
    ['docking_station', 0.14],
    ['webcam', 0.1],
    ['headset', 0.12],
    ['mobile_router', 0.04],
  ];
  const models: DeviceModelEntity[] = plan.map(([kind]) => ({ id: id(), kind, manufacturer: 'Bench', model: kind, specs: '{}', createdAt: stamp, updatedAt: stamp }));
  await insertAll(ds, DeviceModelEntity, models, 100);
  const lots: PurchaseLotEntity[] = [];
  const assets: AssetEntity[] = [];
  plan.forEach(([kind, share], k) => {
    const count = Math.round(ASSETS * share);
    for (let n = 0; n < count; n += 100) {
      const delivered = T2018 + rng.next() * SPAN;
      const lot: PurchaseLotEntity = {
        id: id(),
        modelId: models[k].id,
        supplier: 'Bench S.p.A.',
        consipConvention: null,
        consipLot: null,
        cig: '8563412A7F',
        orderNumber: `B-${kind}-${n}`,
        orderDate: dateOf(delivered - 20 * DAY),
        deliveryDate: dateOf(delivered),
        quantity: Math.min(100, count - n),
        receivedCount: Math.min(100, count - n),
        unitPriceCents: 10_000 + Math.floor(rng.next() * 60_000),
        warrantyMonths: 36,
        warrantyEndsOn: null,
        sizeOverrideReason: null,
        notes: null,
        createdAt: stamp,
        createdBy: 'bench',
        updatedAt: stamp,
        version: 1,
      };
      lots.push(lot);
      for (let j = 0; j < lot.quantity; j++) {
        const i = assets.length;
        assets.push({
          id: id(),
          assetTag: `BN-${String(i).padStart(7, '0')}`,
          manufacturer: 'Bench',
          serial: `SN${i}`,
          kind,
          modelId: models[k].id,
          lotId: lot.id,
          ownership: 'municipal',
          location: null,
          state: 'in_stock',
          holderEmployeeId: null,
          currentHandoverId: null,
          assignedAt: null,
          mac: null,
          simIccid: null,
          simPhoneNumber: null,
          simDataPlan: null,
          notes: null,
          createdAt: stamp,
          createdBy: 'bench',
          updatedAt: stamp,
          version: 1,
        });
      }
    }
  });
  await insertAll(ds, PurchaseLotEntity, lots, 200);
  // Two assignments per asset on average: handed out, returned some 100-700 days later, handed out again.
  const handovers: HandoverEntity[] = [];
  const items: HandoverItemEntity[] = [];
  let a = 0;
  while (handovers.length < HANDOVERS) {
    const asset = assets[a % assets.length];
    a++;
    let when = T2018 + rng.next() * SPAN * 0.5;
    for (let k = 0; k < 2 && handovers.length < HANDOVERS; k++) {
      const back = when + (100 + rng.next() * 600) * DAY;
      const open = k === 1 && rng.next() < 0.7;
      const employee = employees[Math.floor(rng.next() * EMPLOYEES)];
      const h: HandoverEntity = {
        id: id(),
        employeeId: employee.id,
        technicianId: 'bench',
        technicianName: 'bench',
        handedAt: isoOf(when),
        handoverDate: dateOf(when),
        conditions: null,
        notes: null,
        gated: asset.kind === 'laptop',
        gateAgreementId: null,
        status: open ? 'open' : 'closed',
        itemsCount: 1,
        outstandingCount: open ? 1 : 0,
        receiptDocumentId: id(),
        receiptSha256: 'cd'.repeat(32),
        employeeSignedAt: null,
        employeeSignatureRecordedBy: null,
        technicianSignedAt: null,
        technicianSignatureRecordedBy: null,
        signedScanSha256: null,
        createdAt: isoOf(when),
        updatedAt: isoOf(when),
        version: 1,
      };
      handovers.push(h);
      items.push({
        id: id(),
        handoverId: h.id,
        employeeId: h.employeeId,
        handoverDate: h.handoverDate,
        assetId: asset.id,
        position: 0,
        kind: asset.kind,
        manufacturer: 'Bench',
        modelName: asset.kind,
        serial: asset.serial,
        assetTag: asset.assetTag,
        returnId: null,
        returnedAt: open ? null : isoOf(back),
        returnCondition: open ? null : 'good',
        returnNote: null,
        closedAt: open ? null : isoOf(back),
        closedReason: open ? null : 'returned',
      });
      if (open) Object.assign(asset, { state: 'assigned', holderEmployeeId: employee.id, currentHandoverId: h.id, assignedAt: isoOf(when) });
      when = back + 10 * DAY;
    }
  }
  await insertAll(ds, AssetEntity, assets, 400);
  await insertAll(ds, HandoverEntity, handovers, 400);
  await insertAll(ds, HandoverItemEntity, items, 500);
  const declared: DeclaredEquipmentEntity[] = employees.slice(0, 8_000).map((e, i) => ({
    id: id(),
    employeeId: e.id,
    kind: i % 3 === 0 ? 'laptop' : 'broadband',
    note: null,
    assetId: null,
    declaredAt: isoOf(T2018 + rng.next() * SPAN),
    declaredBy: 'bench',
    withdrawnAt: null,
    withdrawnBy: null,
  }));
  await insertAll(ds, DeclaredEquipmentEntity, declared, 1000);
  const certificates: CertificateEntity[] = Array.from({ length: 5_000 }, (_, i) => {
    const issued = T2018 + rng.next() * SPAN;
    const revoked = rng.next() < 0.1;
    return {
      id: id(),
      serial: `b${i.toString(16)}`,
      kind: 'station',
      subjectCn: `user${i}`,
      assetTag: null,
      stationAssetId: null,
      employeeId: employees[i].id,
      vpnAccountId: null,
      keyOrigin: 'csr',
      issuerFingerprint: 'ef'.repeat(32),
      notBefore: isoOf(issued),
      notAfter: isoOf(issued + 365 * DAY),
      status: revoked ? 'revoked' : 'valid',
      revokedAt: revoked ? isoOf(issued + 100 * DAY) : null,
      revocationReason: revoked ? 'superseded' : null,
      holdOwner: null,
      supersededBy: null,
      pem: '-----BEGIN CERTIFICATE-----',
      fingerprintSha256: i.toString(16).padStart(64, '0'),
      createdAt: isoOf(issued),
      createdBy: 'bench',
      updatedAt: isoOf(issued),
    };
  });
  await insertAll(ds, CertificateEntity, certificates, 300);
  if (ds.options.type === 'postgres') await ds.query('ANALYZE');
  else await ds.query('ANALYZE');
  process.stderr.write(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return { employees: employees.length, agreements: agreements.length, lots: lots.length, assets: assets.length, handovers: handovers.length, handoverItems: items.length, declarations: declared.length, certificates: certificates.length };
}

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((x, y) => x - y);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: round(at(50)), p95: round(at(95)), max: round(s[s.length - 1]) };
}
const round = (x: number) => Math.round(x * 10) / 10;

async function time(label: string, fn: () => Promise<unknown>): Promise<{ label: string; p50: number; p95: number; max: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: statement caches, page cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { label, ...stats(samples) };
}

/** Two measurements taken in turn (a, b, a, b, …) after 3 warm-ups each, so a change of machine load hits both. */
async function timePair(
  [labelA, a]: [string, () => Promise<unknown>],
  [labelB, b]: [string, () => Promise<unknown>],
): Promise<[{ label: string; p50: number; p95: number; max: number }, { label: string; p50: number; p95: number; max: number }]> {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await a();
    samplesA.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    samplesB.push(performance.now() - t0);
  }
  return [
    { label: labelA, ...stats(samplesA) },
    { label: labelB, ...stats(samplesB) },
  ];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-kpi-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, CA_PASSPHRASE: 'bench-ca-passphrase-not-secret', RUN_WORKERS: 'false' });
  const clock = new FixedClock(NOW);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, clock }), { logger: ['error'], abortOnError: false });
  try {
    const ds = app.get(DataSource);
    const existing = Number((await ds.query('SELECT COUNT(*) AS n FROM handover_items'))[0].n);
    if (existing > 0) throw new Error('the database is not empty: run the benchmark on a throwaway database');
    const counts = await seed(ds);
    if (CACHE_MB > 0 && ds.options.type !== 'postgres') await ds.query(`PRAGMA cache_size = -${CACHE_MB * 1024}`);
    const kpi = app.get(KpiService);
    const repo = app.get(KpiRepository);
    const ref2023 = referencePoint(2023, NOW, config.env.TIMEZONE);
    // The reference: the statements of one cold call each, recorded, then replayed on the driver.
    const capture = captureQueries(ds);
    const statementsOf = async (year: number): Promise<Captured[]> => {
      kpi.clearMemo();
      capture.take();
      capture.on = true;
      await kpi.pola(year);
      capture.on = false;
      return capture.take();
    };
    const sql2023 = await statementsOf(2023);
    const sql2026 = await statementsOf(2026);
    const raw = await rawSql(ds);
    // per-statement times of the replays (warm-ups included), to show where the sum goes
    const perStatement = new Map<Captured[], number[][]>();
    const replay = (statements: Captured[]) => async () => {
      const samples = perStatement.get(statements) ?? statements.map(() => []);
      perStatement.set(statements, samples);
      for (const [i, q] of statements.entries()) {
        const t0 = performance.now();
        await raw.query(q.sql, q.params);
        samples[i].push(performance.now() - t0);
      }
    };
    // Ours cold and the raw SQL reference, run after run in turn, so that both see the same machine load.
    const [ours2023, raw2023] = await timePair(
      ['all indicators, 2023 (31 December), cold', () => (kpi.clearMemo(), kpi.pola(2023))],
      [`raw SQL: the ${sql2023.length} statements of a cold call, 2023, one after the other on the driver`, replay(sql2023)],
    );
    const [ours2026, raw2026] = await timePair(
      ['all indicators, 2026 (today), cold', () => (kpi.clearMemo(), kpi.pola(2026))],
      [`raw SQL: the ${sql2026.length} statements of a cold call, 2026, one after the other on the driver`, replay(sql2026)],
    );
    raw.release();
    const reference = [raw2023, raw2026];
    const results = [
      ours2023,
      ours2026,
      await time('all indicators, 2023, data unchanged since last asked', () => kpi.pola(2023)),
      await time('all indicators, 2026, data unchanged since last asked', () => kpi.pola(2026)),
      await time('  holdings: laptops, equipped workers, leavers', () => repo.holdings(ref2023)),
      await time('  investment', () => repo.investment(ref2023)),
      await time('  equipment by month', () => repo.distributedByMonth(ref2023)),
      await time('  agreements vs eligible by service', () => repo.agreementsByService(ref2023)),
      await time('  certificates expiring', () => repo.certificates(ref2023.cutoff, new Date(Date.parse(ref2023.cutoff) + 30 * DAY).toISOString())),
      await time('series 2020-2026 (dashboard chart), cold', () => (kpi.clearMemo(), kpi.series(2020, 2026))),
    ];
    const report = await kpi.pola(2023);
    const value = (i: string) => report.indicators.find((x) => x.id === i)?.value;
    const db = config.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    process.stdout.write(`\nPOLA indicators on ${db}${CACHE_MB > 0 && db === 'SQLite' ? ` (page cache ${CACHE_MB} MiB)` : ''}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; ${RUNS} runs after 3 warm-ups\n`);
    process.stdout.write(`(2023: ${value('laptops_for_remote_work')} laptops for remote work, ${value('agreements_in_force_vs_eligible_pct')}% agreements/eligible)\n\n`);
    process.stdout.write('| query | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|\n');
    for (const r of [...results, ...reference]) process.stdout.write(`| ${r.label} | ${r.p50} | ${r.p95} | ${r.max} |\n`);
    const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(1) : '–');
    process.stdout.write('\n| all indicators, cold | ours p50 ms | ours p95 ms | raw SQL p50 ms | raw SQL p95 ms | ratio p50 | ratio p95 |\n|---|---:|---:|---:|---:|---:|---:|\n');
    for (const [year, ours, ref] of [
      [2023, results[0], reference[0]],
      [2026, results[1], reference[1]],
    ] as const) {
      process.stdout.write(`| ${year} | ${ours.p50} | ${ours.p95} | ${ref.p50} | ${ref.p95} | ${ratio(ours.p50, ref.p50)} | ${ratio(ours.p95, ref.p95)} |\n`);
    }
    process.stdout.write('\n| raw SQL statement of a cold call, 2023 (on the driver) | p50 ms | p95 ms |\n|---|---:|---:|\n');
    for (const [i, q] of sql2023.entries()) {
      const t = stats(perStatement.get(sql2023)![i]);
      process.stdout.write(`| \`${q.sql.replace(/\s+/g, ' ').slice(0, 60).replace(/\|/g, '\\|')}…\` | ${t.p50} | ${t.p95} |\n`);
    }
    process.stdout.write(`\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}\n`);
  } finally {
    await app.close();
    // BENCH_KEEP=1 keeps the SQLite file to study query plans afterwards
    if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dataDir}\n`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
