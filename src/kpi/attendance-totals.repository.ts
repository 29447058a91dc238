import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { KpiAttendanceTotalEntity } from './kpi-attendance-total.entity';

export interface AttendanceSums {
  workingDays: number;
  remoteDays: number;
  absenceDays: number;
}
export interface AttendanceMonthRow extends AttendanceSums {
  month: number;
  services: number;
}
export interface AttendanceServiceRow extends AttendanceSums {
  serviceCode: string;
  months: number;
}
export interface AttendanceYearRow extends AttendanceSums {
  months: number;
  services: number;
}

/** Rows per multi-row INSERT: 8 parameters a row, well under either database's bound-parameter limit. */
const INSERT_CHUNK = 500;
const num = (v: unknown) => Number(v ?? 0);

/** The HR attendance totals (monthly, per service). Sums are SQL. */
@Injectable()
export class AttendanceTotalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  private sums(tx?: Tx) {
    return this.manager(tx)
      .getRepository(KpiAttendanceTotalEntity)
      .createQueryBuilder('a')
      .select('SUM(a.working_days)', 'workingDays')
      .addSelect('SUM(a.remote_days)', 'remoteDays')
      .addSelect('SUM(a.absence_days)', 'absenceDays');
  }

  async yearTotals(year: number, tx?: Tx): Promise<AttendanceYearRow | null> {
    const r = await this.sums(tx)
      .addSelect('COUNT(DISTINCT a.month)', 'months')
      .addSelect('COUNT(DISTINCT a.service_code)', 'services')
      .where('a.year = :year', { year })
      .getRawOne<Record<string, unknown>>();
    if (!r || num(r.months) === 0) return null;
    return {
      months: num(r.months),
      services: num(r.services),
      workingDays: num(r.workingDays),
      remoteDays: num(r.remoteDays),
      absenceDays: num(r.absenceDays),
    };
  }

  async byMonth(year: number, tx?: Tx): Promise<AttendanceMonthRow[]> {
    const rows = await this.sums(tx)
      .addSelect('a.month', 'month')
      .addSelect('COUNT(*)', 'services')
      .where('a.year = :year', { year })
      .groupBy('a.month')
      .orderBy('a.month')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      month: num(r.month),
      services: num(r.services),
      workingDays: num(r.workingDays),
      remoteDays: num(r.remoteDays),
      absenceDays: num(r.absenceDays),
    }));
  }

  async byService(year: number, tx?: Tx): Promise<AttendanceServiceRow[]> {
    const rows = await this.sums(tx)
      .addSelect('a.service_code', 'serviceCode')
      .addSelect('COUNT(*)', 'months')
      .where('a.year = :year', { year })
      .groupBy('a.service_code')
      .orderBy('a.service_code')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      serviceCode: String(r.serviceCode),
      months: num(r.months),
      workingDays: num(r.workingDays),
      remoteDays: num(r.remoteDays),
      absenceDays: num(r.absenceDays),
    }));
  }

  /** Deletes every service's totals of these months (year, month). */
  async deleteMonths(tx: Tx, months: { year: number; month: number }[]): Promise<void> {
    for (const { year, month } of months) await tx.manager.getRepository(KpiAttendanceTotalEntity).delete({ year, month });
  }

  /** How many rows these months hold now. */
  async countMonths(tx: Tx, months: { year: number; month: number }[]): Promise<number> {
    let n = 0;
    for (const { year, month } of months) n += await tx.manager.getRepository(KpiAttendanceTotalEntity).countBy({ year, month });
    return n;
  }

  async insertMany(tx: Tx, rows: KpiAttendanceTotalEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(KpiAttendanceTotalEntity)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }
}
