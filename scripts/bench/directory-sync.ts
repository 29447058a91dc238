#!/usr/bin/env node
/**
 * Directory sync benchmark (SPEC §5): 12,500 users loaded offline (slapadd) into a private slapd, then, side by
 * side on this machine, `ldapsearch` paging through them vs the service's first sync and its re-sync with nothing
 * changed. Targets: first sync within 10x the ldapsearch time, re-sync within 3x.
 *
 *   npm run build && node dist/scripts/bench/directory-sync.js [--users 12500] [--page 500] [--runs 5]
 *   DATABASE_URL=postgres://… to measure on PostgreSQL (a throwaway database is best: the bench writes employees).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { AppModule } from '../../src/app.module';
import { cliActor } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { DirectorySyncService } from '../../src/directory/directory-sync.service';
import { ServiceRepository } from '../../src/directory/service.repository';
import { generatePeople, SERVICES, toLdif } from '../../test/fixtures/ldap/directory-fixture';

// the test runner's helpers: the same slapd configuration as the suite's private directory, free ports
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require(path.resolve('scripts/test/services.js')) as {
  writeSlapdConf(dir: string, dataDir: string, hash: string): string;
  freePort(): Promise<number>;
  waitForPort(port: number, timeoutMs?: number): Promise<void>;
  LDAP_SUFFIX: string;
  LDAP_ADMIN_DN: string;
};

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 12_500);
const PAGE = arg('page', 500);
const RUNS = arg('runs', 5);
const SUFFIX = services.LDAP_SUFFIX;
const BASE = `ou=bench,${SUFFIX}`;
const ADMIN = services.LDAP_ADMIN_DN;
const PASSWORD = 'bench-admin-password';
const ATTRS = [
  'entryUUID',
  'uid',
  'employeeNumber',
  'givenName',
  'sn',
  'mail',
  'departmentNumber',
  'title',
  'businessCategory',
  'employeeType',
  'pwdAccountLockedTime',
  'shadowExpire',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-dir-'));
  const dataDir = path.join(tmp, 'ldap');
  fs.mkdirSync(dataDir);
  const conf = services.writeSlapdConf(tmp, dataDir, execFileSync('slappasswd', ['-s', PASSWORD]).toString().trim());
  const people = generatePeople(USERS, 'u');
  const ldif = path.join(tmp, 'people.ldif');
  fs.writeFileSync(ldif, `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Bench\ndc: example\n\n` + toLdif(BASE, people));
  let t = performance.now();
  execFileSync('slapadd', ['-f', conf, '-l', ldif, '-q']);
  const slapaddMs = performance.now() - t;
  const port = await services.freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const slapd = spawn('/usr/sbin/slapd', ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: 'ignore' });
  const rows: { step: string; time: string; ratio: string; target: string }[] = [];
  try {
    await services.waitForPort(port);
    const ldapsearch = () => {
      const t0 = performance.now();
      const r = spawnSync(
        'ldapsearch',
        ['-x', '-H', url, '-D', ADMIN, '-w', PASSWORD, '-b', BASE, '-E', `pr=${PAGE}/noprompt`, '(objectClass=inetOrgPerson)', ...ATTRS],
        { maxBuffer: 1 << 30 },
      );
      if (r.status !== 0) throw new Error(`ldapsearch failed: ${r.stderr.toString()}`);
      const entries = (r.stdout.toString().match(/^dn: /gm) ?? []).length;
      if (entries !== USERS) throw new Error(`ldapsearch returned ${entries} entries`);
      return performance.now() - t0;
    };
    ldapsearch(); // warm slapd's caches, as the sync runs will find them
    const baseline = median(Array.from({ length: RUNS }, ldapsearch));

    const fetchOnly = async () => {
      const c = new Client({ url });
      const t0 = performance.now();
      try {
        await c.bind(ADMIN, PASSWORD);
        let n = 0;
        for await (const p of c.searchPaginated(BASE, { scope: 'sub', filter: '(objectClass=inetOrgPerson)', attributes: ATTRS, paged: { pageSize: PAGE } }))
          n += p.searchEntries.length;
        if (n !== USERS) throw new Error(`ldapts returned ${n}`);
      } finally {
        await c.unbind();
      }
      return performance.now() - t0;
    };
    await fetchOnly();
    const ldapts = median(await sequence(RUNS, fetchOnly));

    const overrides = path.join(tmp, 'directory.json');
    const preset = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'config/directory.json'), 'utf8'));
    fs.writeFileSync(overrides, JSON.stringify({ ...preset, overrides: { pageSize: PAGE, maxDeactivationShare: 0.05 } }));
    const appDir = path.join(tmp, 'app');
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: appDir,
      CA_PASSPHRASE: process.env.CA_PASSPHRASE ?? 'bench-ca-passphrase-not-secret',
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'error',
      LDAP_URL: url,
      LDAP_BIND_DN: ADMIN,
      LDAP_BIND_PASSWORD: PASSWORD,
      LDAP_BASE_DN: BASE,
      LDAP_CONFIG_FILE: overrides,
    });
    const ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error'] });
    try {
      await ctx.get(UnitOfWork).run(async (tx) => {
        for (const code of SERVICES) await ctx.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
      });
      const sync = ctx.get(DirectorySyncService);
      t = performance.now();
      const first = await sync.runNow(cliActor('bench'), 'manual');
      const firstMs = performance.now() - t;
      if (first.status !== 'ok' || first.created !== USERS) throw new Error(`first sync: ${JSON.stringify({ ...first, errors: undefined })}`);
      const resyncs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        t = performance.now();
        const again = await sync.runNow(cliActor('bench'), 'manual');
        resyncs.push(performance.now() - t);
        if (again.status !== 'ok' || again.unchanged !== USERS || again.updated + again.created !== 0)
          throw new Error(`re-sync changed something: ${JSON.stringify(again)}`);
      }
      const resync = median(resyncs);
      rows.push({ step: `slapadd ${USERS} entries (offline load)`, time: ms(slapaddMs), ratio: '', target: '' });
      rows.push({ step: `ldapsearch, paged ${PAGE} (median of ${RUNS})`, time: ms(baseline), ratio: '1.0x', target: 'baseline' });
      rows.push({
        step: `ldapts paged search alone (median of ${RUNS})`,
        time: ms(ldapts),
        ratio: `${(ldapts / baseline).toFixed(1)}x`,
        target: '(diagnostic)',
      });
      rows.push({
        step: `first sync, ${config.database.kind} (creates ${USERS})`,
        time: ms(firstMs),
        ratio: `${(firstMs / baseline).toFixed(1)}x`,
        target: firstMs <= 10 * baseline ? '<= 10x: met' : '<= 10x: MISSED',
      });
      rows.push({
        step: `re-sync, nothing changed (median of ${RUNS})`,
        time: ms(resync),
        ratio: `${(resync / baseline).toFixed(1)}x`,
        target: resync <= 3 * baseline ? '<= 3x: met' : '<= 3x: MISSED',
      });
    } finally {
      await ctx.close();
    }
  } finally {
    slapd.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const widths = (['step', 'time', 'ratio', 'target'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (r: Record<string, string>) => (['step', 'time', 'ratio', 'target'] as const).map((k, i) => r[k].padEnd(widths[i])).join('  ');
  process.stdout.write(`Directory sync benchmark: ${USERS} users, page size ${PAGE}, ${os.cpus().length} cores, node ${process.version}\n\n`);
  process.stdout.write(line({ step: 'step', time: 'time', ratio: 'vs ldapsearch', target: 'target' }) + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
}

async function sequence(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
