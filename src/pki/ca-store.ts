import { Injectable, Logger } from '@nestjs/common';
import { KeyObject, X509Certificate, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Conflict } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { CaRepository } from './ca.repository';
import { CertificateRepository } from './certificate.repository';
import { PkiCaEntity, ACTIVE_CA_ID } from './pki-ca.entity';
import { PkiSettings } from './pki-settings';
import { CaFacts, CaImportInput, caFacts, decryptKey, encryptKey, generateCa, validateCaImport } from './x509/ca-material';
import { IssuerMaterial } from './x509/certificate-builder';
import { KEY_ENCRYPTION_POLICY, keyEncryptionParams, meetsKeyEncryptionPolicy } from './x509/key-encryption';

/** The CA as the process uses it. The key object never leaves this module's services. */
export interface ActiveCa extends CaFacts {
  chainPems: string[];
  /** CA certificate followed by its chain: what gateways and profiles trust. */
  bundlePem: string;
  source: 'generated' | 'imported';
  issuer: IssuerMaterial;
}

export interface CaSummary {
  subject: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  source: 'generated' | 'imported';
  chainLength: number;
}

/** A start-up problem that must stop the service (wrong passphrase, unreadable material). */
export class PkiStartupError extends Error {}

const RECHECK_MS = 30_000;

/**
 * Owns the CA: creates it on first start (or takes the files already under DATA_DIR/pki), keeps the
 * certificate and the encrypted key in the database so that several instances on one PostgreSQL share one
 * CA (a conditional insert picks the winner), mirrors them to files (key 0600), imports an existing CA.
 */
@Injectable()
export class CaStore {
  private readonly logger = new Logger('Pki');
  private current: Promise<ActiveCa> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: PkiSettings,
    private readonly repository: CaRepository,
    private readonly certificates: CertificateRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** True once the CA is in memory: issuance inside a caller's unit of work must not have to create it. */
  get ready(): boolean {
    return this.current !== null;
  }

  /** The CA, loaded or created on first use; re-checked against the database now and then (imports). */
  async get(): Promise<ActiveCa> {
    if (this.current && Date.now() - this.checkedAt < RECHECK_MS) return this.current;
    if (this.current) {
      const ca = await this.current;
      this.checkedAt = Date.now();
      if ((await this.repository.fingerprint()) === ca.fingerprintSha256) return ca;
    }
    const loading = this.load();
    this.current = loading;
    this.checkedAt = Date.now();
    loading.catch(() => {
      if (this.current === loading) this.current = null;
    });
    return loading;
  }

  async summary(): Promise<CaSummary> {
    return summarise(await this.get());
  }

  /** Replaces the CA by an existing one (root or intermediate). Refused once certificates have been issued. */
  async importCa(actor: Actor, input: Omit<CaImportInput, 'now'>): Promise<CaSummary> {
    const validated = validateCaImport({ ...input, now: this.clock.now() });
    const facts = caFacts(validated.certificatePem);
    const chainPem = validated.chainPems.length ? validated.chainPems.join('') : null;
    const now = this.clock.nowIso();
    const row: PkiCaEntity = {
      id: ACTIVE_CA_ID,
      certificatePem: facts.certificatePem,
      chainPem,
      encryptedKeyPem: await encryptKey(validated.privateKey, this.passphrase()),
      fingerprintSha256: facts.fingerprintSha256,
      subject: facts.subject,
      notAfter: facts.notAfter.toISOString(),
      source: 'imported',
      createdAt: now,
      updatedAt: now,
    };
    await this.uow.run(async (tx) => {
      const existing = await this.repository.find(tx);
      if (existing?.fingerprintSha256 === row.fingerprintSha256) return; // the same CA again: nothing to do
      if (existing && (await this.certificates.countIssuedBy(tx, existing.fingerprintSha256)) > 0) {
        throw new Conflict('CA_IN_USE', 'The current CA has issued certificates; replacing it would orphan them', { fingerprint: existing.fingerprintSha256 });
      }
      if (existing) {
        const { id: _id, createdAt: _c, ...changes } = row;
        if (!(await this.repository.replace(tx, existing.fingerprintSha256, changes)))
          throw new Conflict('CA_CHANGED', 'The CA changed while importing; try again');
      } else {
        await this.repository.insertIfAbsent(tx, row);
        if ((await this.repository.find(tx))?.fingerprintSha256 !== row.fingerprintSha256)
          throw new Conflict('CA_CHANGED', 'Another instance created a CA meanwhile; try again');
      }
      await this.audit.record(tx, actor, {
        action: 'pki.ca-imported',
        entityType: 'pki-ca',
        entityId: row.fingerprintSha256,
        summary: { subject: row.subject, notAfter: row.notAfter, chainLength: validated.chainPems.length, replaced: existing?.fingerprintSha256 ?? null },
      });
    });
    this.current = null;
    return this.summary();
  }

  /** CA_PASSPHRASE, or outside production a generated one kept in DATA_DIR/pki (0600) so a first start just works. */
  passphrase(): string {
    if (this.config.env.CA_PASSPHRASE) return this.config.env.CA_PASSPHRASE;
    if (this.config.isProduction) throw new PkiStartupError('CA_PASSPHRASE is required when NODE_ENV=production');
    const file = path.join(this.settings.pkiDir, 'ca-passphrase');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
    this.ensureDir();
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      this.logger.warn({ file }, 'CA_PASSPHRASE is not set: generated a passphrase for the CA key into this file; set CA_PASSPHRASE before production use');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first: use theirs
    }
    return fs.readFileSync(file, 'utf8').trim();
  }

  private async load(): Promise<ActiveCa> {
    let row = await this.repository.find();
    if (!row) {
      const candidate = await this.candidate();
      // Not an audit event: it happens on every first start (and in every test database); the log records it.
      await this.uow.run((tx) => this.repository.insertIfAbsent(tx, candidate));
      row = await this.repository.find();
      if (!row) throw new PkiStartupError('the CA row vanished after it was created');
      const won = row.fingerprintSha256 === candidate.fingerprintSha256;
      this.logger.log(
        { subject: row.subject, fingerprint: row.fingerprintSha256, source: row.source, createdHere: won },
        won ? 'CA stored' : 'another instance stored the CA first; using it',
      );
    }
    let ca = await this.activate(row);
    if (!meetsKeyEncryptionPolicy(keyEncryptionParams(row.encryptedKeyPem))) {
      row = await this.rewrap(row, ca.issuer.privateKey);
      ca = await this.activate(row);
    }
    this.mirror(row);
    return ca;
  }

  /**
   * A key stored by an earlier version (Node's PKCS #8 default: PBKDF2 with 2,048 iterations) is encrypted again
   * under the current parameters, once: at the first start of this version, before anything is issued. It needs
   * the passphrase, which migrations never see, so it happens here. A conditional update lets one instance do
   * it; that instance records `pki.ca-key-rewrapped`, the others load the row it wrote.
   */
  private async rewrap(row: PkiCaEntity, key: KeyObject): Promise<PkiCaEntity> {
    const from = keyEncryptionParams(row.encryptedKeyPem);
    const encryptedKeyPem = await encryptKey(key, this.passphrase());
    const done = await this.uow.run(async (tx) => {
      if (!(await this.repository.rewrapKey(tx, row.fingerprintSha256, row.encryptedKeyPem, encryptedKeyPem, this.clock.nowIso()))) return false;
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: 'pki.ca-key-rewrapped',
        entityType: 'pki-ca',
        entityId: row.fingerprintSha256,
        summary: { from: from ?? { scheme: 'unknown' }, to: KEY_ENCRYPTION_POLICY },
      });
      return true;
    });
    this.logger.log(
      { fingerprint: row.fingerprintSha256, from, to: KEY_ENCRYPTION_POLICY, here: done },
      done ? 'CA key re-encrypted under the current KDF' : 'another instance re-encrypted the CA key',
    );
    const fresh = await this.repository.find();
    if (!fresh) throw new PkiStartupError('the CA row vanished while its key was re-encrypted');
    return fresh;
  }

  /** No CA in the database: adopt the files of an earlier install under DATA_DIR/pki, or create a new root. */
  private async candidate(): Promise<PkiCaEntity> {
    const now = this.clock.nowIso();
    const files = this.files();
    if (fs.existsSync(files.cert) && fs.existsSync(files.key)) {
      const certificatePem = fs.readFileSync(files.cert, 'utf8');
      let key: KeyObject;
      try {
        key = await decryptKey(fs.readFileSync(files.key, 'utf8'), this.passphrase());
      } catch {
        throw new PkiStartupError(
          `The CA key in ${files.key} cannot be decrypted with the configured passphrase: set CA_PASSPHRASE to the value it was created with`,
        );
      }
      const encryptedKeyPem = await encryptKey(key, this.passphrase());
      const chainPem = fs.existsSync(files.chain) ? fs.readFileSync(files.chain, 'utf8') : null;
      const facts = caFacts(certificatePem);
      this.logger.log({ dir: this.settings.pkiDir }, 'adopting the CA found in the data folder');
      return {
        id: ACTIVE_CA_ID,
        certificatePem: facts.certificatePem,
        chainPem,
        encryptedKeyPem,
        fingerprintSha256: facts.fingerprintSha256,
        subject: facts.subject,
        notAfter: facts.notAfter.toISOString(),
        source: 'imported',
        createdAt: now,
        updatedAt: now,
      };
    }
    const started = Date.now();
    const generated = await generateCa({
      subject: this.settings.caSubject,
      validityDays: this.settings.caValidityDays,
      keySize: this.settings.caKeySize,
      now: this.clock.now(),
    });
    const facts = caFacts(generated.certificatePem);
    this.logger.log({ subject: facts.subject, keySize: this.settings.caKeySize, ms: Date.now() - started }, 'created a new CA');
    return {
      id: ACTIVE_CA_ID,
      certificatePem: facts.certificatePem,
      chainPem: null,
      encryptedKeyPem: await encryptKey(generated.privateKey, this.passphrase()),
      fingerprintSha256: facts.fingerprintSha256,
      subject: facts.subject,
      notAfter: facts.notAfter.toISOString(),
      source: 'generated',
      createdAt: now,
      updatedAt: now,
    };
  }

  private async activate(row: PkiCaEntity): Promise<ActiveCa> {
    const facts = caFacts(row.certificatePem);
    let privateKey: KeyObject;
    try {
      privateKey = await decryptKey(row.encryptedKeyPem, this.passphrase());
    } catch {
      throw new PkiStartupError(
        'The CA key cannot be decrypted with the configured passphrase: set CA_PASSPHRASE to the value the CA was created or imported with (every instance must use the same one)',
      );
    }
    if (!new X509Certificate(row.certificatePem).checkPrivateKey(privateKey)) throw new PkiStartupError('The stored CA key does not match the CA certificate');
    const chainPems = row.chainPem ? splitPem(row.chainPem) : [];
    return {
      ...facts,
      chainPems,
      bundlePem: [facts.certificatePem, ...chainPems].join(''),
      source: row.source,
      issuer: { subjectDer: facts.subjectDer, keyId: facts.keyId, privateKey },
    };
  }

  private files() {
    const dir = this.settings.pkiDir;
    return { cert: path.join(dir, 'ca.pem'), key: path.join(dir, 'ca.key'), chain: path.join(dir, 'chain.pem') };
  }

  private ensureDir(): void {
    fs.mkdirSync(this.settings.pkiDir, { recursive: true, mode: 0o700 });
  }

  /**
   * Files mirror the database (for backups and operators), all 0600 in a 0700 folder: the key is encrypted, the
   * certificates are public, but nothing in DATA_DIR is anyone else's business (gateways fetch /pki/*).
   */
  private mirror(row: PkiCaEntity): void {
    this.ensureDir();
    const files = this.files();
    writeIfChanged(files.cert, row.certificatePem, 0o600);
    writeIfChanged(files.key, row.encryptedKeyPem, 0o600);
    if (row.chainPem) writeIfChanged(files.chain, row.chainPem, 0o600);
    else fs.rmSync(files.chain, { force: true });
  }
}

export function summarise(ca: ActiveCa): CaSummary {
  return {
    subject: ca.subject,
    notBefore: ca.notBefore.toISOString(),
    notAfter: ca.notAfter.toISOString(),
    fingerprintSha256: ca.fingerprintSha256,
    source: ca.source,
    chainLength: ca.chainPems.length,
  };
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g)?.map((b) => (b.endsWith('\n') ? b : `${b}\n`)) ?? [];
}

/** Atomic replace (write aside, fsync unless told not to, rename) with the mode set before the content lands. */
export function writeIfChanged(file: string, content: string | Buffer, mode: number, options: { durable?: boolean } = {}): void {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const durable = options.durable ?? true;
  if (durable && fs.existsSync(file) && fs.readFileSync(file).equals(data)) {
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
    return;
  }
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeSync(fd, data);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, mode); // the umask may have narrowed or widened it
  fs.renameSync(tmp, file);
}
