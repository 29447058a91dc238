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
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePeople, personDn, toLdif } from '../../test/fixtures/ldap/directory-fixture';
import { machine } from './pki-bench-common';

import { CHANGES, measure, Row, services, USERS } from './directory-sync-common';
import { activeDirectory, activeDirectoryOnline } from './directory-sync-ad';

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
