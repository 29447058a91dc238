import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ServiceRepository } from '../../src/directory/service.repository';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { generatePeople, SERVICES, toLdif } from '../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase } from '../helpers/test-db';
import { fingerprint, Fingerprint } from './support/database';
import { note, sleep, tempDir } from './support/service-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('../../scripts/test/services.js') as {
  startSlapd(dir: string): Promise<{ url: string; port: number; suffix: string; adminDn: string; adminPassword: string; stop(): void; pid: number }>;
};

jest.setTimeout(180_000);

const PEOPLE = 1500;

/**
 * A directory that stops answering, dies in the middle of a paged search, or comes back empty (restored from the
 * wrong backup) must never deactivate anyone. The first two must fail the run on their own, without the
 * leaver safety limit (switched off here: DIRECTORY_MAX_DEACTIVATION_SHARE=1), so a truncated search taken for
 * the whole directory would show; the empty directory is what the safety limit is for.
 */
describe('directory sync when LDAP is unreachable, dies mid-search or answers empty', () => {
  const dir = tempDir('rw-ldap-fault-');
  let slapd: ChildProcess;
  let ldap: Awaited<ReturnType<typeof services.startSlapd>>;
  let db: TestDatabase;
  let t: TestApp;
  let tables: string[];
  const baseDn = 'ou=comune,dc=example,dc=org';

  const startSlapd = async () => {
    slapd = spawn('/usr/sbin/slapd', ['-f', path.join(dir, 'slapd.conf'), '-h', `ldap://127.0.0.1:${ldap.port}/`, '-d', '0'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(ldap.port, '127.0.0.1');
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => (s.destroy(), resolve(false)));
      });
      if (up) return;
      if (Date.now() > deadline) throw new Error('slapd did not come back');
      await sleep(50);
    }
  };
  const killSlapd = () =>
    new Promise<void>((resolve) => {
      if (slapd.exitCode !== null || slapd.signalCode !== null) return resolve();
      slapd.once('exit', () => resolve());
      slapd.kill('SIGKILL');
    });
  const snapshot = async (): Promise<Fingerprint & { active: number }> => ({
    ...(await fingerprint(t.dataSource, tables)),
    active: Number(
      (await t.dataSource.query('SELECT COUNT(*) AS n FROM employees WHERE active = ?'.replace('?', t.config.database.kind === 'postgres' ? 'true' : '1')))[0]
        .n,
    ),
  });
  const sync = async () => (await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken))).body;
  const appFor = async (share: string) => {
    const file = path.join(dir, 'directory.json');
    const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/directory.json'), 'utf8'));
    // small pages and a short timeout: a search that stops answering fails fast
    fs.writeFileSync(file, JSON.stringify({ ...source, overrides: { pageSize: 25, timeoutMs: 3000 } }));
    return startTestApp({
      database: db,
      env: {
        LDAP_URL: ldap.url,
        LDAP_BIND_DN: ldap.adminDn,
        LDAP_BIND_PASSWORD: ldap.adminPassword,
        LDAP_BASE_DN: baseDn,
        LDAP_CONFIG_FILE: file,
        LDAP_ALLOW_PLAIN_BIND: 'true',
        DIRECTORY_MAX_DEACTIVATION_SHARE: share,
      },
    });
  };

  beforeAll(async () => {
    ldap = await services.startSlapd(dir);
    // services.js started its own slapd; we run it ourselves from here on, to stop and restart it at will
    ldap.stop();
    for (let i = 0; i < 100; i++) {
      const open = await new Promise<boolean>((resolve) => {
        const s = net.connect(ldap.port, '127.0.0.1');
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => (s.destroy(), resolve(false)));
      });
      if (!open) break;
      await sleep(50);
    }
    await sleep(200);
    const ldif = path.join(dir, 'people.ldif');
    fs.writeFileSync(ldif, toLdif(baseDn, generatePeople(PEOPLE, 'lf'), { 'vpn-users': [] }));
    execFileSync('slapadd', ['-f', path.join(dir, 'slapd.conf'), '-l', ldif, '-q']);
    await startSlapd();
    db = await createTestDatabase();
    t = await appFor('1');
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    tables = (
      t.config.database.kind === 'postgres'
        ? await t.dataSource.query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'",
          )
        : await t.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'")
    ).map((r: { name: string }) => r.name);
    const first = await sync();
    expect(first).toMatchObject({ status: 'ok', created: PEOPLE });
  });

  afterAll(async () => {
    await t?.close();
    await killSlapd();
    await db?.drop();
  });

  // what a failed or refused run may add: its own run row and audit event; never an employee change or a job. A job
  // of the run's would be in the outbox (offboarding.start); local_jobs also takes the schedules' ticks (the VPN
  // reconciliation every 2 minutes, the incremental sync every 15), which may fall inside a snapshot's window
  const unchanged = (before: Fingerprint & { active: number }, after: Fingerprint & { active: number }) => {
    expect(after.active).toBe(before.active);
    const changed = Object.keys(after.counts).filter(
      (k) => after.counts[k] !== before.counts[k] && !['directory_sync_runs', 'audit_events', 'audit_head', 'local_jobs'].includes(k),
    );
    expect(changed).toEqual([]);
  };

  it('fails a run cleanly when the directory does not answer at all (process frozen), and changes nothing', async () => {
    const before = await snapshot();
    slapd.kill('SIGSTOP');
    try {
      const started = Date.now();
      const run = await sync();
      expect(run.status).toBe('failed');
      expect(run.deactivated).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      unchanged(before, await snapshot());
      await t.http().get('/health').expect(200);
      // login says the directory is unavailable, with a code, not a 500
      const login = await t.http().post('/api/v1/auth/login').send({ username: 'lf00001', password: 'pw-lf00001-secret' });
      expect(login.status).toBe(503);
      expect(login.body.error.code).toMatch(/^[A-Z_]+$/);
    } finally {
      slapd.kill('SIGCONT');
    }
  });

  it('fails a run cleanly when the directory dies in the middle of a paged search, and changes nothing', async () => {
    const outcomes: string[] = [];
    for (const delayMs of [40, 120, 250]) {
      const before = await snapshot();
      const running = sync();
      await sleep(delayMs);
      await killSlapd();
      const run = await running;
      outcomes.push(run.status);
      expect(['failed', 'ok']).toContain(run.status); // 'ok' only if the search had already finished
      expect(run.deactivated).toBe(0);
      unchanged(before, await snapshot());
      const refused = await sync(); // nobody listening now
      expect(refused.status).toBe('failed');
      await startSlapd();
    }
    expect(outcomes).toContain('failed');
    note('faults-ldap', { midSearchOutcomes: outcomes });
  });

  it('refuses a run when the directory comes back empty, and deactivates nobody', async () => {
    await t.close();
    t = await appFor('0.05');
    await killSlapd();
    fs.renameSync(path.join(dir, 'ldap-data'), path.join(dir, 'ldap-data-full'));
    fs.mkdirSync(path.join(dir, 'ldap-data'));
    // the same tree, without a single person in it
    const empty = path.join(dir, 'empty.ldif');
    fs.writeFileSync(empty, fs.readFileSync(path.join(dir, 'base.ldif'), 'utf8') + '\n' + toLdif(baseDn, [], { 'vpn-users': [] }));
    execFileSync('slapadd', ['-f', path.join(dir, 'slapd.conf'), '-l', empty, '-q']);
    await startSlapd();
    const before = await snapshot();
    const run = await sync();
    // a refused run reports what it would have done (everyone deactivated) and does none of it
    expect(run).toMatchObject({ status: 'refused', directoryEntries: 0, deactivated: PEOPLE });
    expect(run.refusalReason).toBeTruthy();
    unchanged(before, await snapshot());
    expect(before.active).toBe(PEOPLE);
  });
});
