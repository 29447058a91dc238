#!/usr/bin/env node
/**
 * Directory sync benchmark (issue 16), both directories side by side with `ldapsearch` in the same run:
 *  - OpenLDAP: 12,500 users loaded offline (slapadd) into a private slapd (entryCSN indexed, as on any syncrepl
 *    provider);
 *  - Active Directory: 12,500 users loaded offline (ldbadd, no passwords) into a COPY of the Samba DC template
 *    (scripts/test/samba.js), started on 127.0.0.1 — its ports are fixed, so this half needs 389/636 free (stop
 *    any other DC first) and runs last; `--no-ad` skips it.
 * For each: `ldapsearch` paging through everyone (the reference), the service's first sync (target ≤ 4×), the
 * incremental re-sync with nothing changed (≤ 0.3×: it asks only for changes), 100 changes among 12,500 (≤ 0.5×),
 * and a full reconciliation with nothing changed (diagnostic).
 *
 *   npm run build && node dist/scripts/bench/directory-sync.js [--users 12500] [--runs 5] [--no-ad | --ad-online] [--no-openldap]
 *   DATABASE_URL=postgres://… to measure on PostgreSQL (a throwaway database is best: the bench writes employees).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Attribute, Change, Client, Control } from 'ldapts';
import { AppModule } from '../../src/app.module';
import { cliActor } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { DirectorySyncRunEntity } from '../../src/directory/directory-sync-run.entity';
import { DirectorySyncService } from '../../src/directory/directory-sync.service';
import { ServiceRepository } from '../../src/directory/service.repository';
import { generatePeople, personDn, SERVICES, toLdif } from '../../test/fixtures/ldap/directory-fixture';
import { machine } from './pki-bench-common';

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
const RUNS = arg('runs', 5);
const CHANGES = arg('changes', 100);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

type Row = Record<'directory' | 'step' | 'time' | 'ratio' | 'target', string>;

/** One directory under test: how to reach it, how to page through it with ldapsearch, how to change entries. */
interface Target {
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

async function measure(target: Target, rows: Row[]): Promise<void> {
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
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: path.join(tmp, 'app'),
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
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error'] });
  const admin = new Client({ url: target.url });
  await admin.bind(target.adminDn, target.password);
  try {
    await ctx.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await ctx.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    const sync = ctx.get(DirectorySyncService);
    const actor = cliActor('bench');
    const timed = async (kind: 'full' | 'incremental'): Promise<[number, DirectorySyncRunEntity]> => {
      const t0 = performance.now();
      const run = await sync.runNow(actor, 'manual', kind);
      return [performance.now() - t0, run];
    };
    const brief = (r: DirectorySyncRunEntity) => JSON.stringify({ ...r, errors: undefined });

    const [firstMs, first] = await timed('full');
    if (first.status !== 'ok' || first.created !== USERS) throw new Error(`first sync: ${brief(first)}`);

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
      step: `first sync, ${config.database.kind} (creates ${USERS})`,
      time: ms(firstMs),
      ratio: ratio(firstMs),
      target: verdict(firstMs, 4),
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

async function openldap(rows: Row[]): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-dir-'));
  const PASSWORD = 'bench-admin-password';
  const dataDir = path.join(tmp, 'ldap');
  fs.mkdirSync(dataDir);
  const conf = services.writeSlapdConf(tmp, dataDir, execFileSync('slappasswd', ['-s', PASSWORD]).toString().trim());
  // what any syncrepl provider has: the change attributes indexed (the incremental filter is entryCSN>=…)
  fs.appendFileSync(conf, 'index entryCSN,modifyTimestamp eq\n');
  const base = `ou=bench,${services.LDAP_SUFFIX}`;
  const people = generatePeople(USERS, 'u');
  const ldif = path.join(tmp, 'people.ldif');
  fs.writeFileSync(ldif, `dn: ${services.LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Bench\ndc: example\n\n` + toLdif(base, people));
  const t = performance.now();
  execFileSync('slapadd', ['-f', conf, '-l', ldif, '-q']);
  const loadMs = performance.now() - t;
  const port = await services.freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const slapd = spawn('/usr/sbin/slapd', ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: 'ignore' });
  try {
    await services.waitForPort(port);
    await measure(
      {
        name: 'OpenLDAP 2.5',
        url,
        adminDn: services.LDAP_ADMIN_DN,
        password: PASSWORD,
        baseDn: base,
        filter: '(objectClass=inetOrgPerson)',
        attrs: [
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
          'shadowExpire',
        ],
        page: 500,
        preset: 'openldap',
        loadMs,
        loadStep: `slapadd ${USERS} entries (offline load)`,
        dns: people.map((p) => personDn(p, base)),
        lastNameAttribute: 'sn',
      },
      rows,
    );
  } finally {
    slapd.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The provisioned DC template of scripts/test/samba.js (made by the first test run with a DC). */
function sambaTemplate(): string {
  const dir = fs
    .readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('rw-samba-template-v') && !n.includes('.building-'))
    .map((n) => path.join(os.tmpdir(), n))
    .find((d) => fs.existsSync(path.join(d, 'facts.json')));
  if (!dir) throw new Error('no Samba DC template in the temp folder: run an AD test once (npm test) to make it');
  return dir;
}

async function waitForDc(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`samba exited (${child.exitCode})`);
    const c = new Client({ url: 'ldap://127.0.0.1:389', timeout: 1000, connectTimeout: 500 });
    try {
      if ((await c.search('', { scope: 'base', attributes: ['highestCommittedUSN'] })).searchEntries.length === 1) return;
    } catch {
      /* not yet */
    } finally {
      await c.unbind().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error('the DC did not answer within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function activeDirectory(rows: Row[]): Promise<void> {
  const template = sambaTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-ad-'));
  const dc = path.join(dir, 'dc');
  execFileSync('cp', ['-a', '--reflink=auto', template, dc]);
  const facts = JSON.parse(fs.readFileSync(path.join(dc, 'facts.json'), 'utf8')) as { adminPassword: string; dir: string };
  const conf = path.join(dc, 'etc', 'smb.conf');
  fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').split(facts.dir).join(dc));
  fs.rmSync(path.join(dc, 'run'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dc, 'run'), { recursive: true });
  fs.mkdirSync(path.join(dc, 'log'), { recursive: true });
  const domain = 'DC=comune,DC=test';
  const ou = `OU=Bench,${domain}`;
  const peopleDn = `OU=People,${ou}`;
  const dns: string[] = [];
  const blocks = [
    `dn: ${ou}\nobjectClass: organizationalUnit\n`,
    `dn: ${peopleDn}\nobjectClass: organizationalUnit\n`,
    `dn: OU=Groups,${ou}\nobjectClass: organizationalUnit\n`,
  ];
  for (let i = 0; i < USERS; i++) {
    const sam = `b${String(i).padStart(5, '0')}`;
    const dn = `CN=${sam},${peopleDn}`;
    dns.push(dn);
    blocks.push(
      [
        `dn: ${dn}`,
        'objectClass: user',
        `sAMAccountName: ${sam}`,
        `userPrincipalName: ${sam}@comune.test`,
        `givenName: Nome${i}`,
        `sn: Cognome${i}`,
        `mail: ${sam}@comune.test`,
        `employeeID: MB${String(i).padStart(6, '0')}`,
        `department: ${SERVICES[i % SERVICES.length]}`,
        'title: Istruttore Amministrativo',
        // enabled without a password (PASSWD_NOTREQD): hashing passwords costs ~20 ms a user and measures nothing here
        'userAccountControl: 544',
        '',
      ].join('\n'),
    );
  }
  const ldif = path.join(dir, 'people.ldif');
  fs.writeFileSync(ldif, blocks.join('\n'));
  const t = performance.now();
  execFileSync('ldbadd', ['-H', path.join(dc, 'private', 'sam.ldb'), `--configfile=${conf}`, ldif], { stdio: 'pipe', maxBuffer: 1 << 26 });
  const loadMs = performance.now() - t;
  // stdin is a pipe only we hold: samba exits on its EOF, i.e. with this process whatever happens
  const out = fs.openSync(path.join(dc, 'log', 'samba.stdout'), 'a');
  const samba = spawn('/usr/sbin/samba', ['-i', '-M', 'single', '-s', conf], { stdio: ['pipe', out, out] });
  fs.closeSync(out);
  const exited = new Promise((r) => samba.once('exit', r));
  try {
    await waitForDc(samba);
    await measure(
      {
        name: 'Samba AD DC 4.17',
        url: 'ldap://127.0.0.1:389',
        adminDn: `CN=Administrator,CN=Users,${domain}`,
        password: facts.adminPassword,
        baseDn: ou,
        filter: '(&(objectCategory=person)(objectClass=user))',
        attrs: [
          'objectGUID',
          'sAMAccountName',
          'employeeID',
          'givenName',
          'sn',
          'mail',
          'department',
          'title',
          'employeeType',
          'extensionAttribute1',
          'userAccountControl',
        ],
        page: 1000,
        preset: 'activeDirectory',
        loadMs,
        loadStep: `ldbadd ${USERS} users (offline, no passwords)`,
        dns,
        lastNameAttribute: 'sn',
      },
      rows,
    );
  } finally {
    samba.kill('SIGTERM');
    samba.stdin?.destroy();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `--ad-online`: the AD half against an already running DC (TEST_AD_* of scripts/test/samba.js, e.g. a shared dev DC
 * that must not be stopped): the users are added over LDAP under OU=Bench<pid> (not measured) and the OU is removed
 * with the tree-delete control afterwards.
 */
async function activeDirectoryOnline(rows: Row[]): Promise<void> {
  const e = process.env;
  if (!e.TEST_AD_URL || !e.TEST_AD_ADMIN_DN || !e.TEST_AD_ADMIN_PASSWORD || !e.TEST_AD_BASE_DN)
    throw new Error('--ad-online needs TEST_AD_* (source the DC facts)');
  const domain = e.TEST_AD_BASE_DN;
  const ou = `OU=Bench${process.pid},${domain}`;
  const peopleDn = `OU=People,${ou}`;
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ url: e.TEST_AD_URL!, timeout: 120_000 });
    try {
      await c.bind(e.TEST_AD_ADMIN_DN!, e.TEST_AD_ADMIN_PASSWORD);
      return await work(c);
    } finally {
      await c.unbind().catch(() => undefined);
    }
  };
  const dns = Array.from({ length: USERS }, (_, i) => `CN=b${String(i).padStart(5, '0')}${process.pid},${peopleDn}`);
  const t = performance.now();
  await admin(async (c) => {
    await c.add(ou, { objectClass: 'organizationalUnit' });
    await c.add(peopleDn, { objectClass: 'organizationalUnit' });
  });
  let next = 0;
  const worker = () =>
    admin(async (c) => {
      for (let i = next++; i < USERS; i = next++) {
        const sam = `b${String(i).padStart(5, '0')}${process.pid}`;
        await c.add(dns[i], {
          objectClass: 'user',
          sAMAccountName: sam.slice(0, 20),
          userPrincipalName: `${sam}@comune.test`,
          givenName: `Nome${i}`,
          sn: `Cognome${i}`,
          mail: `${sam}@comune.test`,
          employeeID: `MB${process.pid}${String(i).padStart(6, '0')}`,
          department: SERVICES[i % SERVICES.length],
          title: 'Istruttore Amministrativo',
          userAccountControl: '544',
        });
      }
    });
  await Promise.all(Array.from({ length: 4 }, worker));
  const loadMs = performance.now() - t;
  try {
    await measure(
      {
        name: 'Samba AD DC 4.17',
        url: e.TEST_AD_URL,
        adminDn: e.TEST_AD_ADMIN_DN,
        password: e.TEST_AD_ADMIN_PASSWORD,
        baseDn: ou,
        filter: '(&(objectCategory=person)(objectClass=user))',
        attrs: [
          'objectGUID',
          'sAMAccountName',
          'employeeID',
          'givenName',
          'sn',
          'mail',
          'department',
          'title',
          'employeeType',
          'extensionAttribute1',
          'userAccountControl',
        ],
        page: 1000,
        preset: 'activeDirectory',
        loadMs,
        loadStep: `${USERS} users added over LDAP, 4 connections (running DC, not measured)`,
        dns,
        lastNameAttribute: 'sn',
      },
      rows,
    );
  } finally {
    await admin((c) => c.del(ou, new Control('1.2.840.113556.1.4.805'))).catch((err: unknown) =>
      process.stderr.write(`could not remove ${ou}: ${String(err)}\n`),
    );
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  if (!process.argv.includes('--no-openldap')) await openldap(rows);
  if (process.argv.includes('--ad-online')) await activeDirectoryOnline(rows);
  else if (!process.argv.includes('--no-ad')) await activeDirectory(rows);
  const keys = ['directory', 'step', 'time', 'ratio', 'target'] as const;
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (r: Record<string, string>) => keys.map((k, i) => r[k].padEnd(widths[i])).join('  ');
  process.stdout.write(
    `Directory sync benchmark: ${USERS} users, ${CHANGES} changes a run; ${machine()}; kernel ${os.release()}; ${new Date().toISOString()}\n\n`,
  );
  process.stdout.write(line({ directory: 'directory', step: 'step', time: 'time', ratio: 'vs ldapsearch', target: 'target' }) + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
