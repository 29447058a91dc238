import * as fs from 'node:fs';
import * as path from 'node:path';
import { listedSerials, openssl } from '../../integration/pki/pki-test-tools';
import { RawDb } from './database';
import { call, must, sleep } from './service-process';

/** The CRL exactly as a gateway gets it (HTTP, no credentials), verified against the CA and parsed by openssl. */
export async function fetchCrl(base: string, dir: string, label = 'crl'): Promise<{ number: number; serials: Set<string>; file: string }> {
  const ca = await call(base, 'GET', '/pki/ca.pem');
  const crl = await call(base, 'GET', '/pki/crl.pem');
  if (ca.status !== 200 || crl.status !== 200) throw new Error(`ca.pem ${ca.status}, crl.pem ${crl.status}`);
  const caFile = path.join(dir, 'ca.pem');
  const crlFile = path.join(dir, `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.pem`);
  fs.writeFileSync(caFile, ca.text);
  fs.writeFileSync(crlFile, crl.text);
  const verified = await openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout']);
  if (verified.code !== 0 || !/verify OK/i.test(verified.stdout + verified.stderr)) throw new Error(`openssl does not verify the CRL: ${verified.stderr}`);
  const text = await openssl(['crl', '-in', crlFile, '-noout', '-text']);
  const serials = new Set(listedSerials(text.stdout));
  const num = /X509v3 CRL Number:\s*\n\s*(\d+)/.exec(text.stdout);
  if (!num) throw new Error(`no CRL Number in:\n${text.stdout.slice(0, 800)}`);
  return { number: Number(num[1]), serials, file: crlFile };
}

/** Waits until the outbox has nothing pending and no job is waiting or running. */
export async function drained(db: RawDb, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await db.count("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'dispatched'");
    const local = (await db.tables()).includes('local_jobs') ? await db.count("SELECT COUNT(*) AS n FROM local_jobs WHERE status IN ('waiting', 'active')") : 0;
    if (pending === 0 && local === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${pending} pending rows, ${local} local jobs waiting or active`);
    await sleep(200);
  }
}

export interface ConsistencyReport {
  certificates: number;
  revoked: number;
  crlNumber: number;
  auditEvents: number;
  problems: string[];
}

/**
 * After a fault: every issued certificate stored once with exactly one `certificate.issued` event, no serial
 * reused, every account past `issued` holding exactly one valid certificate, the published CRL (openssl) listing
 * exactly the revoked and held certificates in the database, the audit chain intact, nothing stuck in the outbox
 * and no job failed for good.
 */
export async function checkConsistency(base: string, adminToken: string, db: RawDb, dir: string): Promise<ConsistencyReport> {
  const problems: string[] = [];
  await drained(db);
  const dupSerials = await db.query<{ serial: string; n: number }>('SELECT serial, COUNT(*) AS n FROM certificates GROUP BY serial HAVING COUNT(*) > 1');
  if (dupSerials.length) problems.push(`serials reused: ${dupSerials.map((r) => r.serial).join(', ')}`);
  const certificates = await db.count('SELECT COUNT(*) AS n FROM certificates');
  const events = await db.query<{ entity_id: string; n: number }>(
    "SELECT entity_id, COUNT(*) AS n FROM audit_events WHERE action = 'certificate.issued' GROUP BY entity_id",
  );
  const eventsBySerial = new Map(events.map((e) => [e.entity_id, Number(e.n)]));
  const serials = (await db.query<{ serial: string }>('SELECT serial FROM certificates')).map((r) => r.serial);
  const missing = serials.filter((s) => eventsBySerial.get(s) !== 1);
  if (missing.length) problems.push(`${missing.length} certificates without exactly one certificate.issued event (e.g. ${missing.slice(0, 3).join(', ')})`);
  const orphanEvents = [...eventsBySerial.keys()].filter((s) => !serials.includes(s));
  if (orphanEvents.length) problems.push(`${orphanEvents.length} certificate.issued events for certificates that do not exist`);

  // an account past 'issued' points at a stored certificate, and no account holds two valid ones at once
  const dangling = await db.query<{ id: string; state: string }>(
    `SELECT a.id, a.state FROM vpn_accounts a WHERE a.state IN ('issued', 'installed', 'active')
       AND (a.current_serial IS NULL OR NOT EXISTS (SELECT 1 FROM certificates c WHERE c.serial = a.current_serial AND c.vpn_account_id = a.id))`,
  );
  if (dangling.length)
    problems.push(
      `${dangling.length} accounts past 'issued' whose certificate is not stored (e.g. ${dangling
        .slice(0, 3)
        .map((a) => `${a.id} ${a.state}`)
        .join('; ')})`,
    );
  const twoValid = await db.query<{ vpn_account_id: string }>(
    "SELECT vpn_account_id FROM certificates WHERE status = 'valid' AND vpn_account_id IS NOT NULL GROUP BY vpn_account_id HAVING COUNT(*) > 1",
  );
  if (twoValid.length) problems.push(`${twoValid.length} accounts with two valid certificates`);
  const strays = await db.count(
    'SELECT COUNT(*) AS n FROM certificates c WHERE c.vpn_account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vpn_accounts a WHERE a.id = c.vpn_account_id)',
  );
  if (strays) problems.push(`${strays} certificates whose account was never stored`);
  const twoOpen = await db.query<{ employee_id: string; n: number }>(
    "SELECT employee_id, COUNT(*) AS n FROM vpn_accounts WHERE state NOT IN ('revoked') GROUP BY employee_id, profile HAVING COUNT(*) > 1",
  );
  if (twoOpen.length) problems.push(`${twoOpen.length} employees with two open accounts on one profile`);

  const revokedRows = await db.query<{ serial: string }>("SELECT serial FROM certificates WHERE status IN ('revoked', 'on_hold')");
  const revoked = new Set(revokedRows.map((r) => r.serial));
  const crl = await fetchCrl(base, dir);
  const notListed = [...revoked].filter((s) => !crl.serials.has(s));
  const extra = [...crl.serials].filter((s) => !revoked.has(s));
  if (notListed.length) problems.push(`${notListed.length} revoked certificates missing from the CRL (e.g. ${notListed.slice(0, 3).join(', ')})`);
  if (extra.length) problems.push(`${extra.length} CRL entries that are not revoked in the database`);

  const verify = await must<{ ok: boolean; events: number }>(base, 'GET', '/api/v1/audit/verify', { token: adminToken });
  if (!verify.ok) problems.push(`audit chain broken: ${JSON.stringify(verify)}`);
  const failed = await call(base, 'GET', '/api/v1/jobs/failed', { token: adminToken });
  if (failed.status === 200 && Array.isArray(failed.body) && failed.body.length)
    problems.push(`${failed.body.length} jobs failed for good: ${JSON.stringify(failed.body.slice(0, 2))}`);
  const stuck = await db.count("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'dispatched'");
  if (stuck) problems.push(`${stuck} outbox rows not dispatched`);
  return { certificates, revoked: revoked.size, crlNumber: crl.number, auditEvents: verify.events, problems };
}
