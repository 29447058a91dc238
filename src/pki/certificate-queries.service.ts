import { Injectable } from '@nestjs/common';
import { createdAtAfter, encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { Clock } from '../common/clock';
import { NotFound } from '../common/errors/domain-error';
import { CertificateKind } from './certificate.entity';
import { CertificateRepository } from './certificate.repository';
import { CertificateView, toCertificateView } from './certificate.mapper';
import { CertificateStatus } from './domain/revocation';
import { parseSerial } from './serial-input';
import { StationKeyPackageRepository } from './station-key-package.repository';

export interface CertificateQuery {
  status?: CertificateStatus;
  kind?: CertificateKind;
  employeeId?: string;
  stationAssetId?: string;
  vpnAccountId?: string;
  expiringWithinDays?: number;
  limit?: number;
  cursor?: string;
}

/** A password-protected station key (see StationKeyPackageEntity); never a key in clear. */
export interface StationKeyPackage {
  pkcs12Base64: string | null;
  encryptedKeyPem: string;
}

export interface CertificatePage {
  items: CertificateView[];
  nextCursor: string | null;
}

const DAY_MS = 86_400_000;

/** Reads for the API and for other features (VPN renewal: `listExpiring`). */
@Injectable()
export class CertificateQueries {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly keyPackages: StationKeyPackageRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The generated key of a station certificate as the user received it, for profiles: the PKCS#12 under the
   * one-time password (null after a renewal) and the same key as encrypted PKCS#8. Null for a CSR certificate
   * (the key never left the laptop) and for generated keys issued before packages were kept.
   */
  async keyPackage(serialInput: string): Promise<StationKeyPackage | null> {
    const row = await this.keyPackages.find(parseSerial(serialInput));
    return row ? { pkcs12Base64: row.pkcs12Base64, encryptedKeyPem: row.encryptedKeyPem } : null;
  }

  async get(serialInput: string): Promise<CertificateView> {
    const serial = parseSerial(serialInput);
    const row = await this.certificates.findBySerial(serial);
    if (!row) throw NotFound.entity('CERTIFICATE_NOT_FOUND', 'certificate', serial);
    return toCertificateView(row);
  }

  /** Newest first; with `expiringWithinDays`, most urgent first (the soonest notAfter), which is what the list is for. */
  async list(query: CertificateQuery): Promise<CertificatePage> {
    const limit = query.limit ?? 50;
    const now = this.clock.now();
    const filter = {
      status: query.status,
      kind: query.kind,
      employeeId: query.employeeId,
      stationAssetId: query.stationAssetId,
      vpnAccountId: query.vpnAccountId,
    };
    if (query.expiringWithinDays !== undefined) {
      const after = readCursor(query.cursor, 'notAfter', 2);
      const rows = await this.certificates.listBySoonestExpiry(
        { ...filter, now: now.toISOString(), expiringBefore: new Date(now.getTime() + query.expiringWithinDays * DAY_MS).toISOString() },
        limit + 1,
        after ? { notAfter: String(after[0]), id: String(after[1]) } : undefined,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(toCertificateView), nextCursor: rows.length > limit && last ? encodeCursor('notAfter', [last.notAfter, last.id]) : null };
    }
    const rows = await this.certificates.list(filter, limit + 1, createdAtAfter(readCursor(query.cursor, 'createdAt', 2)));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toCertificateView), nextCursor: rows.length > limit && last ? encodeCursor('createdAt', [last.createdAt, last.id]) : null };
  }

  /** Valid certificates that expire within `days` (renewal), soonest first. */
  async listExpiring(days: number, limit = 1000): Promise<CertificateView[]> {
    const items: CertificateView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ expiringWithinDays: days, limit: Math.min(200, limit - items.length), cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < limit);
    return items.sort((a, b) => a.notAfter.localeCompare(b.notAfter));
  }
}
