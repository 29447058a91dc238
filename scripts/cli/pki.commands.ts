import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliActor } from '../../src/common/auth/roles';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { CaStore } from '../../src/pki/ca-store';
import { CertificateIssuer } from '../../src/pki/certificate-issuer.service';
import { CrlService } from '../../src/pki/crl.service';
import { PkiStatusService } from '../../src/pki/pki-status.service';
import { print, withContext } from './context';

const list = (v: string, previous: string[] = []) => [
  ...previous,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read the ${what} file ${file}`);
  }
}

export function pkiCommands(program: Command): void {
  const pki = program.command('pki').description('the internal CA: import or export it, gateway certificates, CRL');

  pki
    .command('import-ca')
    .description('replace the CA by an existing one (root, or intermediate with --chain up to the root); refused once certificates were issued')
    .requiredOption('--cert <file>', 'CA certificate, PEM')
    .requiredOption('--key <file>', 'CA private key, PEM (re-encrypted under CA_PASSPHRASE when stored)')
    .option('--chain <file>', 'issuers above an intermediate, PEM, up to the self-signed root')
    .option('--key-passphrase-file <file>', 'file holding the passphrase of an encrypted --key (not on the command line: ps would show it)')
    .action(async (opts: { cert: string; key: string; chain?: string; keyPassphraseFile?: string }) => {
      const input = {
        certificatePem: readFile(opts.cert, 'certificate'),
        keyPem: readFile(opts.key, 'key'),
        chainPem: opts.chain ? readFile(opts.chain, 'chain') : undefined,
        keyPassphrase: opts.keyPassphraseFile ? readFile(opts.keyPassphraseFile, 'passphrase').replace(/\r?\n$/, '') : undefined,
      };
      await withContext(async (ctx) => {
        const summary = await ctx.get(CaStore).importCa(cliActor(), input);
        const { crl } = await ctx.get(CrlService).refresh('force');
        print(`CA imported: ${summary.subject}`);
        print(`  valid until ${summary.notAfter}, SHA-256 ${summary.fingerprintSha256}, chain of ${summary.chainLength}`);
        print(`  CRL ${crl.crlNumber} published, signed by the new CA. Running instances pick the new CA up within a minute.`);
      });
    });

  pki
    .command('export-ca')
    .description('print the CA certificate (and its chain), PEM: what gateways and clients trust')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { out?: string }) => {
      await withContext(async (ctx) => {
        const ca = await ctx.get(CaStore).get();
        if (opts.out) {
          fs.writeFileSync(opts.out, ca.bundlePem);
          print(`Wrote ${opts.out} (${ca.subject}).`);
        } else {
          process.stdout.write(ca.bundlePem);
        }
      });
    });

  pki
    .command('issue-server')
    .description('issue a VPN gateway certificate (EKU serverAuth) and write certificate, key (0600) and CA into a folder')
    .requiredOption('--cn <host>', 'gateway host name, e.g. vpn1.comune.example')
    .option('--dns <names>', 'more DNS names, comma separated', list)
    .option('--ip <addresses>', 'IP addresses for the SAN, comma separated', list)
    .requiredOption('--out <dir>', 'folder to write <cn>.pem, <cn>.key and ca.pem into')
    .action(async (opts: { cn: string; dns?: string[]; ip?: string[]; out: string }) => {
      await withContext(async (ctx) => {
        const issuer = ctx.get(CertificateIssuer);
        const key = await issuer.generateKeyPair();
        const issued = await ctx
          .get(UnitOfWork)
          .run((tx) => issuer.issueServerCertificate(tx, { commonName: opts.cn, dnsNames: opts.dns, ipAddresses: opts.ip, generatedKey: key }, cliActor()));
        fs.mkdirSync(opts.out, { recursive: true });
        const certFile = path.join(opts.out, `${opts.cn}.pem`);
        const keyFile = path.join(opts.out, `${opts.cn}.key`);
        fs.writeFileSync(certFile, issued.certificatePem);
        fs.writeFileSync(keyFile, issued.privateKeyPem, { mode: 0o600 });
        fs.chmodSync(keyFile, 0o600);
        fs.writeFileSync(path.join(opts.out, 'ca.pem'), issued.caChainPem);
        print(`Gateway certificate ${issued.serial} for ${opts.cn}, valid until ${issued.notAfter}.`);
        print(`  ${certFile}\n  ${keyFile} (private key, mode 0600: it is not kept by the service)\n  ${path.join(opts.out, 'ca.pem')}`);
      });
    });

  pki
    .command('crl')
    .description('publish a new CRL now (the service also does it on every revocation and every 6 hours)')
    .option('--out <file>', 'also write the CRL (PEM) to this file')
    .action(async (opts: { out?: string }) => {
      await withContext(async (ctx) => {
        const { crl } = await ctx.get(CrlService).refresh('force');
        if (opts.out) fs.writeFileSync(opts.out, crl.pem);
        print(
          `CRL ${crl.crlNumber}: ${crl.entries} entries, thisUpdate ${crl.thisUpdate}, nextUpdate ${crl.nextUpdate}${opts.out ? `, written to ${opts.out}` : ''}.`,
        );
      });
    });

  pki
    .command('status')
    .description('CA, CRL health and certificate counts')
    .action(async () => {
      await withContext(async (ctx) => {
        const s = await ctx.get(PkiStatusService).status();
        print(`CA        ${s.ca.subject} (${s.ca.source}), until ${s.ca.notAfter}`);
        print(
          `CRL       #${s.crl.crlNumber}, ${s.crl.entries} entries, next update ${s.crl.nextUpdate} (${Math.round(s.crl.secondsToNextUpdate / 3600)} h)${s.crl.alert ? '  ALERT: refresh it' : ''}`,
        );
        print(
          `Certs     ${s.certificates.valid} valid, ${s.certificates.onHold} on hold, ${s.certificates.revoked} revoked, ${s.certificates.expiringWithin30Days} expiring within 30 days`,
        );
      });
    });
}
