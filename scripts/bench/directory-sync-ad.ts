/** The Active Directory half of the directory-sync benchmark: a Samba DC loaded offline (a copy of the test template) or online. */
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Control } from 'ldapts';
import { SERVICES } from '../../test/fixtures/ldap/directory-fixture';

import { measure, Row, USERS } from './directory-sync-common';

/** The provisioned DC template of scripts/test/samba.js (made by the first test run with a DC). */
export function sambaTemplate(): string {
  const dir = fs
    .readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('rw-samba-template-v') && !n.includes('.building-'))
    .map((n) => path.join(os.tmpdir(), n))
    .find((d) => fs.existsSync(path.join(d, 'facts.json')));
  if (!dir) throw new Error('no Samba DC template in the temp folder: run an AD test once (npm test) to make it');
  return dir;
}

export async function waitForDc(child: ChildProcess): Promise<void> {
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

export async function activeDirectory(rows: Row[]): Promise<void> {
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
export async function activeDirectoryOnline(rows: Row[]): Promise<void> {
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
