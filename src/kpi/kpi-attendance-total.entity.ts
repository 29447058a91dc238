import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One month of one service as the HR attendance system totals it: days, never people. */
@Entity('kpi_attendance_totals')
export class KpiAttendanceTotalEntity {
  @PrimaryColumn('integer') year: number;
  @PrimaryColumn('integer') month: number;
  @PrimaryColumn('varchar', { name: 'service_code', length: 10 }) serviceCode: string;
  @Column('double precision', { name: 'working_days' }) workingDays: number;
  @Column('double precision', { name: 'remote_days' }) remoteDays: number;
  @Column('double precision', { name: 'absence_days' }) absenceDays: number;
  @Column('varchar', { name: 'imported_at' }) importedAt: string;
  @Column('varchar', { name: 'imported_by' }) importedBy: string;
}
