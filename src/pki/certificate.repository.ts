import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { CertificateEntity, CertificateKind } from './certificate.entity';
import { CertificateStatus } from './domain/revocation';

export interface CertificateFilter {
  status?: CertificateStatus;
  kind?: CertificateKind;
  employeeId?: string;
  stationAssetId?: string;
  vpnAccountId?: string;
  /** Valid certificates whose notAfter falls between `now` and this instant. */
  expiringBefore?: string;
  now?: string;
}

/** Exactly one of these: whose certificates to act on. */
export type CertificateHolder = { stationAssetId: string } | { vpnAccountId: string } | { employeeId: string };

export interface PageCursor {
  createdAt: string;
  id: string;
}

export interface CrlRow {
  serial: string;
  status: CertificateStatus;
  revokedAt: string;
  reason: string | null;
}

@Injectable()
export class CertificateRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async insert(tx: Tx, row: CertificateEntity): Promise<void> {
    await this.insertMany(tx, [row]);
  }

  /** Multi-row INSERT in chunks (SQLite allows 999 bound parameters; 22 columns a row). */
  async insertMany(tx: Tx, rows: CertificateEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 40) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(CertificateEntity)
        .values(rows.slice(i, i + 40))
        .updateEntity(false)
        .execute();
    }
  }

  async findBySerial(serial: string, tx?: Tx): Promise<CertificateEntity | null> {
    return this.manager(tx).getRepository(CertificateEntity).findOne({ where: { serial } });
  }

  /** Status columns of these serials (callers chunk under SQLite's 999 bound parameters). */
  async statusesOf(serials: string[], tx?: Tx): Promise<Pick<CertificateEntity, 'serial' | 'status' | 'revocationReason' | 'holdOwner'>[]> {
    if (serials.length === 0) return [];
    return this.manager(tx)
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .select(['c.serial', 'c.status', 'c.revocationReason', 'c.holdOwner'])
      .where('c.serial IN (:...serials)', { serials })
      .getMany();
  }

  /** What a gateway's connect-time check reads of these serials (callers chunk under SQLite's 999 parameters). */
  async bindingsOf(
    serials: string[],
    tx?: Tx,
  ): Promise<Pick<CertificateEntity, 'serial' | 'kind' | 'status' | 'notBefore' | 'notAfter' | 'stationAssetId' | 'employeeId' | 'vpnAccountId'>[]> {
    if (serials.length === 0) return [];
    return this.manager(tx)
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .select(['c.serial', 'c.kind', 'c.status', 'c.notBefore', 'c.notAfter', 'c.stationAssetId', 'c.employeeId', 'c.vpnAccountId'])
      .where('c.serial IN (:...serials)', { serials })
      .getMany();
  }

  /** Conditional status change: affects nothing when someone else changed the status first. */
  async changeStatus(
    tx: Tx,
    serial: string,
    from: CertificateStatus,
    set: Pick<CertificateEntity, 'status' | 'revokedAt' | 'revocationReason' | 'holdOwner' | 'updatedAt'> & { supersededBy?: string | null },
  ): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(CertificateEntity)
      .set(set)
      .where('serial = :serial AND status = :from', { serial, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Certificates of a holder that still let someone in (valid, or suspended and so reinstatable). */
  async findActiveFor(tx: Tx, holder: CertificateHolder): Promise<CertificateEntity[]> {
    const [column, value] = Object.entries(holder)[0];
    const field = { stationAssetId: 'station_asset_id', vpnAccountId: 'vpn_account_id', employeeId: 'employee_id' }[column];
    if (!field) throw new Error(`unknown holder ${column}`);
    return tx.manager
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .where(`c.${field} = :value`, { value })
      .andWhere("c.status IN ('valid', 'on_hold')")
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  /** Keyset page, newest first: stable under inserts, no OFFSET scans. */
  async list(filter: CertificateFilter, limit: number, after?: PageCursor): Promise<CertificateEntity[]> {
    const qb = this.filtered(filter);
    if (after) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('c.created_at < :ca', { ca: after.createdAt }).orWhere('c.created_at = :ca AND c.id < :cid', { cid: after.id });
        }),
      );
    }
    return qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
  }

  /** Keyset page of expiring certificates (`filter.expiringBefore`), most urgent first: the soonest notAfter. */
  async listBySoonestExpiry(filter: CertificateFilter, limit: number, after?: { notAfter: string; id: string }): Promise<CertificateEntity[]> {
    const qb = this.filtered(filter);
    if (after) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('c.not_after > :na', { na: after.notAfter }).orWhere('c.not_after = :na AND c.id > :nid', { nid: after.id });
        }),
      );
    }
    return qb.orderBy('c.not_after', 'ASC').addOrderBy('c.id', 'ASC').limit(limit).getMany();
  }

  private filtered(filter: CertificateFilter) {
    const qb = this.dataSource.getRepository(CertificateEntity).createQueryBuilder('c');
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.employeeId) qb.andWhere('c.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.stationAssetId) qb.andWhere('c.station_asset_id = :stationAssetId', { stationAssetId: filter.stationAssetId });
    if (filter.vpnAccountId) qb.andWhere('c.vpn_account_id = :vpnAccountId', { vpnAccountId: filter.vpnAccountId });
    if (filter.expiringBefore) {
      qb.andWhere("c.status = 'valid' AND c.not_after > :now AND c.not_after <= :until", { now: filter.now, until: filter.expiringBefore });
    }
    return qb;
  }

  async countByStatus(): Promise<Record<CertificateStatus, number>> {
    const rows = await this.dataSource
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('c.status')
      .getRawMany<{ status: CertificateStatus; n: string | number }>();
    const out: Record<CertificateStatus, number> = { valid: 0, revoked: 0, on_hold: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  async countExpiring(now: string, until: string): Promise<number> {
    return this.dataSource
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .where("c.status = 'valid' AND c.not_after > :now AND c.not_after <= :until", { now, until })
      .getCount();
  }

  /**
   * What the CRL lists: revoked and held certificates that have not expired (RFC 5280 lets a CA drop an entry
   * once the certificate has expired, which keeps the CRL small). Raw rows: this feeds a 10,000-entry build.
   */
  async crlRows(tx: Tx, now: string): Promise<CrlRow[]> {
    // One text column per row ('|' never occurs in hex serials, ISO instants or reason names): the driver
    // builds 10,000 one-field objects about twice as fast as four-field ones, on SQLite and PostgreSQL alike.
    const rows: { r: string }[] = await tx.manager.query(
      `SELECT serial || '|' || revoked_at || '|' || COALESCE(revocation_reason, '') || '|' || status AS r
         FROM certificates WHERE status IN ('revoked', 'on_hold') AND not_after > ${tx.kind === 'postgres' ? '$1' : '?'}`,
      [now],
    );
    return rows.map(({ r }) => {
      const [serial, revokedAt, reason, status] = r.split('|');
      return { serial, revokedAt, reason: reason || null, status: status as CertificateStatus };
    });
  }

  async countIssuedBy(tx: Tx, issuerFingerprint: string): Promise<number> {
    return tx.manager.getRepository(CertificateEntity).count({ where: { issuerFingerprint } });
  }
}
