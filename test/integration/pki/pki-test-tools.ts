import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYSTEM_ACTOR, Actor } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateIssuer, IssuedCertificate, StationIssueInput } from '../../../src/pki/certificate-issuer.service';
import { TestApp } from '../../helpers/test-app';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a real tool (openssl, openvpn, easyrsa) without a shell; never throws on a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  options: { input?: string | Buffer; cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 30_000, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: options.env },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? (err as unknown as { code: number }).code : 1) : 0;
        resolve({ code, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export const openssl = (args: string[], options: { input?: string | Buffer; cwd?: string } = {}) => run('openssl', args, options);

/** A serial as the service stores it: lower-case hex without leading zeros. */
export const canonicalSerial = (hex: string) =>
  hex
    .toLowerCase()
    .replace(/:/g, '')
    .replace(/^0+(?=.)/, '');

/**
 * The serials an `openssl crl -text` (or `x509 -text`) listing names, canonical. openssl prints whole octets: a
 * 30-digit serial as it is, a 31-digit one with a leading 0, so padding a serial to compare text with it fails on
 * one serial in sixteen; compare these instead.
 */
export function listedSerials(text: string): string[] {
  return [...text.matchAll(/Serial Number:\s*([0-9A-Fa-f:]+)/gi)].map((m) => canonicalSerial(m[1]));
}

export function tempDir(prefix = 'rw-pki-'): string {
  return fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), prefix));
}

export function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A key and CSR made by the real openssl, as a laptop would make them. */
export async function makeCsr(dir: string, cn: string, bits = 2048, name = cn): Promise<{ keyFile: string; csrPem: string }> {
  const keyFile = path.join(dir, `${name}.key`);
  const csrFile = path.join(dir, `${name}.csr`);
  const r = await openssl(['req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${cn}`]);
  if (r.code !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  return { keyFile, csrPem: fs.readFileSync(csrFile, 'utf8') };
}

export async function issueStation(t: TestApp, input: StationIssueInput, actor: Actor = SYSTEM_ACTOR): Promise<IssuedCertificate> {
  return t.get(UnitOfWork).run((tx) => t.get(CertificateIssuer).issueStationCertificate(tx, input, actor));
}

/** The CA bundle and CRL as a gateway fetches them: over HTTP, without credentials. */
let fetches = 0;
export async function fetchPublic(t: TestApp, dir: string): Promise<{ caFile: string; crlFile: string; crlPem: string }> {
  const ca = await t.http().get('/pki/ca.pem').expect(200);
  const crl = await t.http().get('/pki/crl.pem').expect(200);
  fetches += 1;
  return { caFile: write(dir, 'ca.pem', ca.text), crlFile: write(dir, `crl-${fetches}.pem`, crl.text), crlPem: crl.text };
}

export async function crlNumber(crlFile: string): Promise<number> {
  const r = await openssl(['crl', '-in', crlFile, '-noout', '-crlnumber']);
  const m = /crlNumber=(?:0x)?([0-9A-Fa-f]+)/.exec(r.stdout);
  if (!m) throw new Error(`no crlNumber in ${r.stdout} ${r.stderr}`);
  return parseInt(m[1], 16);
}
