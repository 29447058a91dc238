import { Injectable } from '@nestjs/common';
import { KeyObject, X509Certificate, generateKeyPair, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { Conflict, Unavailable, ValidationFailed } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { ActiveCa, CaStore } from './ca-store';
import { CertificateEntity, CertificateKind, KeyOrigin } from './certificate.entity';
import { CertificateRepository } from './certificate.repository';
import { assertAssetTag, assertHostName, assertUsername } from './domain/station-identity';
import { PkiSettings } from './pki-settings';
import { StationKeyPackageEntity } from './station-key-package.entity';
import { StationKeyPackageRepository } from './station-key-package.repository';
import { CertificateProfile, buildCertificateAsync } from './x509/certificate-builder';
import { InspectedCsr, inspectCsr } from './x509/csr-inspector';
import { pemBlocks, toPem } from './x509/pem';
import { oneTimePassword, shroudKey, writePkcs12 } from './x509/pkcs12-writer';
import { normaliseSerial, randomSerial, serialToHex } from './x509/serial';

const generateKeyPairAsync = promisify(generateKeyPair);

export const STATION_KEY_BITS = 2048;
const CLOCK_SKEW_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A key pair made by the service (native RSA); generate it before opening a unit of work when you can. */
export interface GeneratedKeyPair {
  privateKey: KeyObject;
  spkiDer: Buffer;
}

export interface StationLinks {
  /** VPN username: the certificate's subject CN. */
  username: string;
  /** The laptop's asset tag: SAN URI `urn:asset:<tag>`. */
  assetTag: string;
  stationAssetId?: string | null;
  employeeId?: string | null;
  vpnAccountId?: string | null;
}

/**
 * Where the public key comes from: the laptop's CSR, a key the service generates (returned once), or, for a
 * renewal, the certificate being renewed (the private key stays on the laptop; the key origin is carried over).
 */
export type StationIssueInput = StationLinks &
  ({ csrPem: string } | { generateKey: true } | { generatedKey: GeneratedKeyPair } | { renewalOfPem: string; keyOrigin: KeyOrigin });

export interface IssuedCertificate {
  serial: string;
  certificatePem: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  /** The CA certificate and its chain, for profiles (inline <ca>). */
  caChainPem: string;
  /**
   * Only when the service generated a station key: the PKCS#12 (key under the one-time password, certificate,
   * CA chain) — also kept (station_key_packages) so that later profiles carry it — and the password, returned
   * this once and never stored. A station key never leaves in clear.
   */
  pkcs12Base64?: string;
  oneTimePassword?: string;
  /** Gateway (server) certificates only: the key in clear, returned once to the administrator installing the gateway. */
  privateKeyPem?: string;
}

export interface ServerIssueInput {
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  generatedKey?: GeneratedKeyPair;
}

export interface IssuedServerCertificate extends IssuedCertificate {
  privateKeyPem: string;
}

/**
 * A certificate built and signed but not yet recorded: the expensive, database-free half of issuance.
 * It is only ever handed out once `record…` has stored it inside a unit of work.
 */
export interface PreparedCertificate {
  row: CertificateEntity;
  caChainPem: string;
  /** Returned to the caller once; the password and a clear key are never stored. */
  secrets: { pkcs12Base64?: string; oneTimePassword?: string; privateKeyPem?: string };
  /** A generated station key, stored as the user received it (password-protected). */
  keyPackage?: { pkcs12Base64: string; encryptedKeyPem: string };
  /** A renewal of a generated key: the new certificate keeps the stored encrypted key of this serial. */
  keyPackageOf?: string;
}

function assertOptionalUuid(field: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && !UUID.test(value)) {
    throw new ValidationFailed([{ field, messages: [`${field} must be a UUID`] }], `${field} is not a valid id`, 'INVALID_ID');
  }
}

/**
 * Issues station (clientAuth) and gateway (serverAuth) certificates. The API the VPN feature builds on:
 * `issueStationCertificate(tx, …)` inside the caller's unit of work, so the certificate, the account change
 * and their audit events commit together. Issuance has two halves: `prepare…` (check the CSR or make the
 * key, build, sign, package the PKCS#12 — no database) and `recordIssued(tx, …)` (row + audit event). Bulk
 * paths prepare outside their unit (in parallel: signatures run on the thread pool) and record many in one
 * unit. Call `inspectCsr` before opening a unit to refuse a bad CSR with its code and audit the refusal with
 * `audit.recordAlone` (a refused unit leaves nothing behind).
 */
@Injectable()
export class CertificateIssuer {
  constructor(
    private readonly ca: CaStore,
    private readonly certificates: CertificateRepository,
    private readonly keyPackages: StationKeyPackageRepository,
    private readonly audit: AuditService,
    private readonly settings: PkiSettings,
    private readonly clock: Clock,
  ) {}

  /** Checks a CSR for a username: CSR_MALFORMED, CSR_SIGNATURE_INVALID, CSR_KEY_TOO_WEAK, CSR_KEY_UNSUPPORTED, CSR_SUBJECT_MISMATCH. */
  inspectCsr(csrPem: string, username: string): InspectedCsr {
    assertUsername(username);
    return inspectCsr(csrPem, username, STATION_KEY_BITS);
  }

  async generateKeyPair(bits = STATION_KEY_BITS): Promise<GeneratedKeyPair> {
    const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: bits });
    return { privateKey, spkiDer: publicKey.export({ type: 'spki', format: 'der' }) };
  }

  async issueStationCertificate(tx: Tx, input: StationIssueInput, actor: Actor): Promise<IssuedCertificate> {
    return this.recordIssued(tx, await this.prepareStationCertificate(input), actor);
  }

  /** A gateway certificate (EKU serverAuth, SAN with its DNS names and addresses); the key is returned once. */
  async issueServerCertificate(tx: Tx, input: ServerIssueInput, actor: Actor): Promise<IssuedServerCertificate> {
    const issued = await this.recordIssued(tx, await this.prepareServerCertificate(input), actor);
    return { ...issued, privateKeyPem: issued.privateKeyPem! };
  }

  async prepareStationCertificate(input: StationIssueInput): Promise<PreparedCertificate> {
    assertUsername(input.username);
    assertAssetTag(input.assetTag);
    assertOptionalUuid('stationAssetId', input.stationAssetId);
    assertOptionalUuid('employeeId', input.employeeId);
    assertOptionalUuid('vpnAccountId', input.vpnAccountId);
    let key: GeneratedKeyPair | null = null;
    let spkiDer: Buffer;
    let keyOrigin: KeyOrigin = 'csr';
    if ('csrPem' in input) {
      spkiDer = inspectCsr(input.csrPem, input.username, STATION_KEY_BITS).spkiDer;
    } else if ('renewalOfPem' in input) {
      spkiDer = new X509Certificate(input.renewalOfPem).publicKey.export({ type: 'spki', format: 'der' });
      keyOrigin = input.keyOrigin;
    } else {
      key = 'generatedKey' in input ? input.generatedKey : await this.generateKeyPair();
      spkiDer = key.spkiDer;
    }
    const ca = await this.activeCa();
    const { row, der } = await this.build(ca, {
      kind: 'station',
      subjectCn: input.username,
      spkiDer,
      profile: { kind: 'station', assetTag: input.assetTag },
      validityDays: this.settings.stationValidityDays,
      keyOrigin: key ? 'generated' : keyOrigin,
      links: {
        assetTag: input.assetTag,
        stationAssetId: input.stationAssetId ?? null,
        employeeId: input.employeeId ?? null,
        vpnAccountId: input.vpnAccountId ?? null,
      },
    });
    if (!key) {
      const keyPackageOf =
        'renewalOfPem' in input && keyOrigin === 'generated' ? (normaliseSerial(new X509Certificate(input.renewalOfPem).serialNumber) ?? undefined) : undefined;
      return { row, caChainPem: ca.bundlePem, secrets: {}, keyPackageOf };
    }
    const password = oneTimePassword();
    const shroudedDer = shroudKey(key.privateKey, password);
    const pkcs12Base64 = writePkcs12({
      privateKey: { shroudedDer },
      certificatesDer: [der, ca.certificateDer, ...ca.chainPems.flatMap((p) => pemBlocks(p).map((b) => b.der))],
      password,
      friendlyName: input.username,
    }).toString('base64');
    return {
      row,
      caChainPem: ca.bundlePem,
      secrets: { pkcs12Base64, oneTimePassword: password },
      keyPackage: { pkcs12Base64, encryptedKeyPem: toPem('ENCRYPTED PRIVATE KEY', shroudedDer) },
    };
  }

  async prepareServerCertificate(input: ServerIssueInput): Promise<PreparedCertificate> {
    assertHostName(input.commonName);
    const dnsNames = [...new Set([input.commonName, ...(input.dnsNames ?? [])])];
    dnsNames.forEach((d) => assertHostName(d, 'dnsNames'));
    const ipAddresses = input.ipAddresses ?? [];
    if (ipAddresses.some((ip) => isIP(ip) === 0)) {
      throw new ValidationFailed([{ field: 'ipAddresses', messages: ['IPv4 or IPv6 addresses'] }], 'An IP address is not valid', 'INVALID_IP_ADDRESS');
    }
    const key = input.generatedKey ?? (await this.generateKeyPair());
    const ca = await this.activeCa();
    const { row } = await this.build(ca, {
      kind: 'server',
      subjectCn: input.commonName,
      spkiDer: key.spkiDer,
      profile: { kind: 'server', dnsNames, ipAddresses },
      validityDays: this.settings.serverValidityDays,
      keyOrigin: 'generated',
      links: { assetTag: null, stationAssetId: null, employeeId: null, vpnAccountId: null },
    });
    return { row, caChainPem: ca.bundlePem, secrets: { privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string } };
  }

  /** Stores a prepared certificate and its audit event in the caller's unit; only then is it handed out. */
  async recordIssued(tx: Tx, prepared: PreparedCertificate, actor: Actor): Promise<IssuedCertificate> {
    return (await this.recordIssuedMany(tx, [prepared], actor))[0];
  }

  /** Bulk onboarding: many prepared certificates in one statement, each with its own audit event. */
  async recordIssuedMany(tx: Tx, prepared: PreparedCertificate[], actor: Actor): Promise<IssuedCertificate[]> {
    if (prepared.length === 0) return [];
    const fingerprint = (await this.activeCa()).fingerprintSha256;
    if (prepared.some((p) => p.row.issuerFingerprint !== fingerprint)) {
      throw new Conflict('CA_CHANGED', 'The CA was replaced while the certificate was being prepared; issue it again');
    }
    const now = this.clock.nowIso();
    const rows = prepared.map((p): CertificateEntity => ({ ...p.row, createdBy: actor.id, createdAt: now, updatedAt: now }));
    await this.certificates.insertMany(tx, rows);
    await this.keyPackages.insertMany(tx, await this.keyPackagesOf(tx, prepared, now));
    await this.audit.recordMany(
      tx,
      actor,
      rows.map((row) => ({
        action: 'certificate.issued',
        entityType: 'certificate',
        entityId: row.serial,
        summary: {
          kind: row.kind,
          subjectCn: row.subjectCn,
          assetTag: row.assetTag,
          stationAssetId: row.stationAssetId,
          employeeId: row.employeeId,
          vpnAccountId: row.vpnAccountId,
          keyOrigin: row.keyOrigin,
          notAfter: row.notAfter,
          fingerprintSha256: row.fingerprintSha256,
        },
      })),
    );
    return prepared.map((p) => ({
      serial: p.row.serial,
      certificatePem: p.row.pem,
      notBefore: p.row.notBefore,
      notAfter: p.row.notAfter,
      fingerprintSha256: p.row.fingerprintSha256,
      caChainPem: p.caChainPem,
      ...p.secrets,
    }));
  }

  /** What to keep of generated keys: the package made at issuance, or on renewal the encrypted key carried over. */
  private async keyPackagesOf(tx: Tx, prepared: PreparedCertificate[], now: string): Promise<StationKeyPackageEntity[]> {
    const rows: StationKeyPackageEntity[] = [];
    for (const p of prepared) {
      if (p.keyPackage)
        rows.push({ serial: p.row.serial, pkcs12Base64: p.keyPackage.pkcs12Base64, encryptedKeyPem: p.keyPackage.encryptedKeyPem, createdAt: now });
      else if (p.keyPackageOf) {
        const before = await this.keyPackages.find(p.keyPackageOf, tx);
        // a certificate issued before packages were kept has none: its key was only in the one-time answer
        if (before) rows.push({ serial: p.row.serial, pkcs12Base64: null, encryptedKeyPem: before.encryptedKeyPem, createdAt: now });
      }
    }
    return rows;
  }

  private async activeCa(): Promise<ActiveCa> {
    // Creating a CA runs a unit of work of its own, which cannot happen inside the caller's: it is created at start.
    if (!this.ca.ready) throw new Unavailable('PKI_NOT_READY', 'The certificate authority is not loaded yet; try again in a moment');
    return this.ca.get();
  }

  private async build(
    ca: ActiveCa,
    spec: {
      kind: CertificateKind;
      subjectCn: string;
      spkiDer: Buffer;
      profile: CertificateProfile;
      validityDays: number;
      keyOrigin: KeyOrigin;
      links: Pick<CertificateEntity, 'assetTag' | 'stationAssetId' | 'employeeId' | 'vpnAccountId'>;
    },
  ): Promise<{ row: CertificateEntity; der: Buffer }> {
    const now = this.clock.now();
    const notBefore = new Date(Math.floor((now.getTime() - CLOCK_SKEW_MS) / 1000) * 1000);
    // A certificate never outlives its CA (RFC 5280 path validation would reject the tail anyway).
    const notAfter = new Date(Math.min(Math.floor(now.getTime() / 1000) * 1000 + spec.validityDays * 86_400_000, ca.notAfter.getTime()));
    const serial = serialToHex(randomSerial());
    const built = await buildCertificateAsync(
      {
        serialHex: serial,
        subject: { CN: spec.subjectCn, ...this.settings.leafSubject },
        spkiDer: spec.spkiDer,
        notBefore,
        notAfter,
        profile: spec.profile,
        crlUrl: this.settings.crlUrl,
        ocspUrl: this.settings.ocspUrl,
      },
      ca.issuer,
    );
    const row: CertificateEntity = {
      id: randomUUID(),
      serial,
      kind: spec.kind,
      subjectCn: spec.subjectCn,
      ...spec.links,
      keyOrigin: spec.keyOrigin,
      issuerFingerprint: ca.fingerprintSha256,
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      status: 'valid',
      revokedAt: null,
      revocationReason: null,
      holdOwner: null,
      supersededBy: null,
      pem: built.pem,
      fingerprintSha256: built.fingerprintSha256,
      createdAt: now.toISOString(),
      createdBy: '',
      updatedAt: now.toISOString(),
    };
    return { row, der: built.der };
  }
}
