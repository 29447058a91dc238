import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The value the RTD declared for an indicator and year (the latest one; the earlier ones are in the audit chain). */
@Entity('kpi_declared_values')
export class KpiDeclaredValueEntity {
  @PrimaryColumn('integer') year: number;
  @PrimaryColumn('varchar', { length: 60 }) indicator: string;
  @Column('varchar', { name: 'value_kind' }) valueKind: 'number' | 'presence';
  @Column('double precision', { name: 'value_number', nullable: true }) valueNumber: number | null;
  @Column('boolean', { name: 'value_present', nullable: true }) valuePresent: boolean | null;
  @Column('varchar') note: string;
  @Column('varchar', { name: 'declared_at' }) declaredAt: string;
  @Column('varchar', { name: 'declared_by' }) declaredBy: string;
  @Column('integer') version: number;
}
