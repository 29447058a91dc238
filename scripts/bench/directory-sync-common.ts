/** What the directory-sync benchmark halves share: arguments, the row format, one directory measured side by side with ldapsearch. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Attribute, Change, Client } from 'ldapts';
import { AppModule } from '../../src/app.module';
import { cliActor } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { DirectorySyncRunEntity } from '../../src/directory/directory-sync-run.entity';
import { DirectorySyncService } from '../../src/directory/directory-sync.service';
import { ServiceRepository } from '../../src/directory/service.repository';
import { SERVICES } from '../../test/fixtures/ldap/directory-fixture';

// the test runner's helpers: the same slapd configuration as the suite's private directory, free ports
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const services = require(path.resolve('scripts/test/services.js')) as {
  writeSlapdConf(dir: string, dataDir: string, hash: string): string;
  freePort(): Promise<number>;
  waitForPort(port: number, timeoutMs?: number): Promise<void>;
  LDAP_SUFFIX: string;
  LDAP_ADMIN_DN: string;
};

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
export const USERS = arg('users', 12_500);
export const RUNS = arg('runs', 5);
export const CHANGES = arg('changes', 100);

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (x: number) => `${x.toFixed(0)} ms`;

export type Row = Record<'directory' | 'step' | 'time' | 'ratio' | 'target', string>;

/** One directory under test: how to reach it, how to page through it with ldapsearch, how to change entries. */
export interface Target {
  name: string;
  url: string;
  adminDn: string;
  password: string;
  baseDn: string;
  filter: string;
  attrs: string[];
  page: number;
  preset: 'openldap' | 'activeDirectory';
  loadMs: number;
  loadStep: string;
  /** Distinguished names of the people (the first CHANGES × RUNS are changed by the bench). */
  dns: string[];
  lastNameAttribute: string;
  env?: Record<string, string>;
}

export async function measure(target: Target, rows: Row[]): Promise<void> {
  const ldapsearch = () => {
    const t0 = performance.now();
    const r = spawnSync(
      'ldapsearch',
      [
        '-x',
        '-H',
        target.url,
        '-D',
        target.adminDn,
        '-w',
        target.password,
        '-b',
        target.baseDn,
        '-E',
        `pr=${target.page}/noprompt`,
        target.filter,
        ...target.attrs,
      ],
      { maxBuffer: 1 << 30, env: { ...process.env, ...target.env } },
    );
    if (r.status !== 0) throw new Error(`ldapsearch failed: ${r.stderr.toString()}`);
    const entries = (r.stdout.toString().match(/^dn: /gm) ?? []).length;
    if (entries !== USERS) throw new Error(`ldapsearch returned ${entries} entries`);
    return performance.now() - t0;
  };
  ldapsearch(); // warm the server's caches, as the sync runs will find them
  const baseline = median(Array.from({ length: RUNS }, ldapsearch));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-dirapp-'));
  const overrides = path.join(tmp, 'directory.json');
  const preset = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'config/directory.json'), 'utf8'));
  fs.writeFileSync(overrides, JSON.stringify({ ...preset, preset: target.preset, overrides: { pageSize: target.page, maxDeactivationShare: 0.05 } }));
  const configFor = (dataDir: string) =>
    loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      CA_PASSPHRASE: process.env.CA_PASSPHRASE ?? 'bench-ca-passphrase-not-secret',
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'error',
      LDAP_URL: target.url,
      LDAP_BIND_DN: target.adminDn,
      LDAP_BIND_PASSWORD: target.password,
      LDAP_BASE_DN: target.baseDn,
      LDAP_CONFIG_FILE: overrides,
      LDAP_ALLOW_PLAIN_BIND: 'true',
    });
  /** A service on a new database (SQLite: a new file; PostgreSQL: DATABASE_URL, emptied) with the fixture's services. */
  const openService = async (dataDir: string) => {
    const config = configFor(dataDir);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error'] });
    await app.get(UnitOfWork).run(async (tx) => {
      if (config.database.kind === 'postgres') await tx.manager.query('TRUNCATE employees CASCADE'); // a throwaway database: as new
      for (const code of SERVICES) await app.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    return { app, config };
  };
  const { app: ctx, config } = await openService(path.join(tmp, 'app'));
  const admin = new Client({ url: target.url });
  await admin.bind(target.adminDn, target.password);
  try {
    const sync = ctx.get(DirectorySyncService);
    const actor = cliActor('bench');
    const timed = async (kind: 'full' | 'incremental'): Promise<[number, DirectorySyncRunEntity]> => {
      const t0 = performance.now();
      const run = await sync.runNow(actor, 'manual', kind);
      return [performance.now() - t0, run];
    };
    const brief = (r: DirectorySyncRunEntity) => JSON.stringify({ ...r, errors: undefined });

    // The very first run in this process: every code path cold (interpreted until V8 optimises it), a new database.
    const [coldMs, first] = await timed('full');
    if (first.status !== 'ok' || first.created !== USERS) throw new Error(`first sync: ${brief(first)}`);
    // The same first sync into a new database each time, in a process that has run one before: the figure to
    // compare with ldapsearch, itself a median of warm runs (one cold run varies by ±15 % here).
    const firsts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await openService(path.join(tmp, `first-${i}`));
      try {
        const t0 = performance.now();
        const run = await fresh.app.get(DirectorySyncService).runNow(actor, 'manual', 'full');
        firsts.push(performance.now() - t0);
        if (run.status !== 'ok' || run.created !== USERS) throw new Error(`first sync into a new database: ${brief(run)}`);
      } finally {
        await fresh.app.close();
      }
    }
    if (config.database.kind === 'postgres') {
      // the service under test shares the database with the fresh ones: put back what its first sync wrote
      await ctx.get(UnitOfWork).run((tx) => tx.manager.query('TRUNCATE employees CASCADE'));
      const again = await sync.runNow(actor, 'manual', 'full');
      if (again.status !== 'ok' || again.created !== USERS) throw new Error(`first sync again: ${brief(again)}`);
    }

    const quiet: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [t, run] = await timed('incremental');
      if (run.status !== 'ok' || run.kind !== 'incremental' || run.directoryEntries !== 0) throw new Error(`incremental re-sync: ${brief(run)}`);
      quiet.push(t);
    }

    const changed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dns = target.dns.slice(i * CHANGES, (i + 1) * CHANGES);
      for (const dn of dns) {
        await admin.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: target.lastNameAttribute, values: [`Bench${i}`] }) }));
      }
      const [t, run] = await timed('incremental');
      if (run.status !== 'ok' || run.kind !== 'incremental' || run.updated !== CHANGES || run.directoryEntries !== CHANGES) {
        throw new Error(`incremental with ${CHANGES} changes: ${brief(run)}`);
      }
      changed.push(t);
    }

    const fulls: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const [t, run] = await timed('full');
      if (run.status !== 'ok' || run.unchanged !== USERS) throw new Error(`full reconciliation: ${brief(run)}`);
      fulls.push(t);
    }

    const d = target.name;
    const ratio = (x: number) => `${(x / baseline).toFixed(2)}x`;
    const verdict = (x: number, bound: number) => (x <= bound * baseline ? `<= ${bound}x: met` : `<= ${bound}x: MISSED`);
    rows.push({ directory: d, step: target.loadStep, time: ms(target.loadMs), ratio: '', target: '' });
    rows.push({ directory: d, step: `ldapsearch, paged ${target.page} (median of ${RUNS})`, time: ms(baseline), ratio: '1.00x', target: 'baseline' });
    rows.push({
      directory: d,
      step: `first sync, ${config.database.kind} (creates ${USERS}; new database, median of ${RUNS})`,
      time: ms(median(firsts)),
      ratio: ratio(median(firsts)),
      target: verdict(median(firsts), 4),
    });
    rows.push({
      directory: d,
      step: `first sync, the process's very first run (cold code)`,
      time: ms(coldMs),
      ratio: ratio(coldMs),
      target: `(${verdict(coldMs, 4)})`,
    });
    rows.push({
      directory: d,
      step: `incremental re-sync, nothing changed (median of ${RUNS})`,
      time: ms(median(quiet)),
      ratio: ratio(median(quiet)),
      target: verdict(median(quiet), 0.3),
    });
    rows.push({
      directory: d,
      step: `incremental, ${CHANGES} changed among ${USERS} (median of ${RUNS})`,
      time: ms(median(changed)),
      ratio: ratio(median(changed)),
      target: verdict(median(changed), 0.5),
    });
    rows.push({
      directory: d,
      step: `full reconciliation, nothing changed (median of ${fulls.length})`,
      time: ms(median(fulls)),
      ratio: ratio(median(fulls)),
      target: '(diagnostic)',
    });
  } finally {
    await admin.unbind().catch(() => undefined);
    await ctx.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
