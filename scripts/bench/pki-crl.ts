/**
 * Benchmark (SPEC §5): a CRL with 10,000 revoked entries built and published by the service — revoked rows
 * read under the CRL lock, CRL Number allocated, TBSCertList written, signed, stored and mirrored to
 * DATA_DIR/pki — against `openssl ca -gencrl` over an index.txt of 10,000 revoked entries, side by side in
 * one run, with CA keys of the same size. Each side runs 7 times; the median is reported.
 *
 *   npm run build && node dist/scripts/bench/pki-crl.js           (BENCH_ENTRIES=10000)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { CaStore } from '../../src/pki/ca-store';
import { CertificateEntity } from '../../src/pki/certificate.entity';
import { CrlService } from '../../src/pki/crl.service';
import { PkiSettings } from '../../src/pki/pki-settings';
import { REVOCATION_REASONS } from '../../src/pki/domain/revocation';
import { machine, median, startBenchContext, tool } from './pki-bench-common';

const RUNS = 7;

function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x01;
  return b.toString('hex');
}

async function ours(entries: number): Promise<{ times: number[]; database: string; caBits: number }> {
  const bench = await startBenchContext();
  try {
    const ca = await bench.ctx.get(CaStore).get();
    const now = new Date();
    const notAfter = new Date(now.getTime() + 365 * 86_400_000).toISOString();
    const reasons = REVOCATION_REASONS.filter((r) => r !== 'certificateHold');
    const rows: CertificateEntity[] = Array.from({ length: entries }, (_, i) => ({
      id: randomUUID(),
      serial: serial(),
      kind: 'station',
      subjectCn: `user${i}`,
      assetTag: `PO-${i}`,
      stationAssetId: null,
      employeeId: null,
      vpnAccountId: null,
      keyOrigin: 'csr',
      issuerFingerprint: ca.fingerprintSha256,
      notBefore: now.toISOString(),
      notAfter,
      status: 'revoked',
      revokedAt: new Date(now.getTime() - (i % 1000) * 60_000).toISOString(),
      revocationReason: reasons[i % reasons.length],
      holdOwner: null,
      supersededBy: null,
      pem: 'bench',
      fingerprintSha256: randomBytes(32).toString('hex'),
      createdAt: now.toISOString(),
      createdBy: 'bench',
      updatedAt: now.toISOString(),
    }));
    const uow = bench.ctx.get(UnitOfWork);
    for (let i = 0; i < rows.length; i += 500) {
      await uow.run((tx) =>
        tx.manager
          .createQueryBuilder()
          .insert()
          .into(CertificateEntity)
          .values(rows.slice(i, i + 500))
          .execute(),
      );
    }
    const count = await bench.ctx
      .get(DataSource)
      .getRepository(CertificateEntity)
      .count({ where: { status: 'revoked' } });
    if (count !== entries) throw new Error(`expected ${entries} revoked rows, found ${count}`);
    const crl = bench.ctx.get(CrlService);
    await crl.refresh('force'); // warm-up (JIT, statement caches)
    const times: number[] = [];
    let last = null;
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      last = await crl.refresh('force');
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (last.crl.entries !== entries) throw new Error(`CRL lists ${last.crl.entries} entries`);
    }
    // sanity: openssl verifies the CRL that was measured and counts its entries
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-crl-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), ca.bundlePem);
    if (!last) throw new Error('no CRL was built');
    fs.writeFileSync(path.join(dir, 'crl.pem'), last.crl.pem);
    tool('openssl', ['crl', '-in', path.join(dir, 'crl.pem'), '-CAfile', path.join(dir, 'ca.pem'), '-noout']);
    const listed = (tool('openssl', ['crl', '-in', path.join(dir, 'crl.pem'), '-noout', '-text']).match(/Serial Number:/g) ?? []).length;
    if (listed !== entries) throw new Error(`openssl counts ${listed} entries`);
    fs.rmSync(dir, { recursive: true, force: true });
    return { times, database: bench.config.database.kind, caBits: bench.ctx.get(PkiSettings).caKeySize };
  } finally {
    await bench.close();
  }
}

function opensslCa(entries: number, caBits: number): { times: number[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-opensslca-'));
  try {
    tool('openssl', ['req', '-x509', '-newkey', `rsa:${caBits}`, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Bench CA'], {
      cwd: dir,
    });
    const expiry = new Date(Date.now() + 365 * 86_400_000);
    const revoked = new Date(Date.now() - 86_400_000);
    const utc = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    const reasons = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation']; // openssl's index knows no privilegeWithdrawn
    const index = Array.from(
      { length: entries },
      (_, i) => `R\t${utc(expiry)}\t${utc(revoked)},${reasons[i % reasons.length]}\t${serial().toUpperCase()}\tunknown\t/CN=user${i}\n`,
    ).join('');
    fs.writeFileSync(path.join(dir, 'index.txt'), index);
    fs.writeFileSync(path.join(dir, 'crlnumber'), '01\n');
    fs.writeFileSync(
      path.join(dir, 'ca.cnf'),
      [
        '[ ca ]',
        'default_ca = bench',
        '[ bench ]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'crlnumber = $dir/crlnumber',
        'certificate = $dir/ca.pem',
        'private_key = $dir/ca.key',
        'default_md = sha256',
        'default_crl_days = 7',
        'crl_extensions = crl_ext',
        '[ crl_ext ]',
        'authorityKeyIdentifier = keyid:always',
        '',
      ].join('\n'),
    );
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const started = process.hrtime.bigint();
      tool('openssl', ['ca', '-gencrl', '-config', path.join(dir, 'ca.cnf'), '-out', path.join(dir, 'crl.pem')], { cwd: dir });
      if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6); // first run is the warm-up
    }
    const listed = (tool('openssl', ['crl', '-in', path.join(dir, 'crl.pem'), '-noout', '-text']).match(/Serial Number:/g) ?? []).length;
    if (listed !== entries) throw new Error(`openssl ca wrote ${listed} entries`);
    return { times };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const entries = Number(process.env.BENCH_ENTRIES ?? 10_000);
  const service = await ours(entries);
  const peer = opensslCa(entries, service.caBits);
  const ms = (v: number) => `${(v / 1000).toFixed(3)} s`;
  const lines = [
    `machine: ${machine()}`,
    `date: ${new Date().toISOString()}`,
    `database: ${service.database}; CA RSA-${service.caBits} on both sides; ${entries} revoked entries; median of ${RUNS} runs`,
    '',
    '| path | median | fastest | slowest |',
    '|---|---:|---:|---:|',
    `| service: read revoked rows, number, build, sign, store, mirror files | ${ms(median(service.times))} | ${ms(Math.min(...service.times))} | ${ms(Math.max(...service.times))} |`,
    `| openssl ca -gencrl (index.txt) | ${ms(median(peer.times))} | ${ms(Math.min(...peer.times))} | ${ms(Math.max(...peer.times))} |`,
    '',
    `ratio (openssl / service, medians): ${(median(peer.times) / median(service.times)).toFixed(2)}×`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
