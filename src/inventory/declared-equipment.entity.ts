import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeclaredKind = 'laptop' | 'broadband';

/**
 * Equipment of the employee's own that they declare using for remote work: a personal laptop or a home
 * broadband line. Counts for the "equipped with devices and data traffic" indicator (POLA Part 4).
 */
@Entity('declared_equipment')
export class DeclaredEquipmentEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar') kind: DeclaredKind;
  @Column('text', { nullable: true }) note: string | null;
  /** the personal laptop registered as an asset (ownership personal), so it can carry a station certificate */
  @Column('varchar', { name: 'asset_id', nullable: true }) assetId: string | null;
  @Column('varchar', { name: 'declared_at' }) declaredAt: string;
  @Column('varchar', { name: 'declared_by' }) declaredBy: string;
  @Column('varchar', { name: 'withdrawn_at', nullable: true }) withdrawnAt: string | null;
  @Column('varchar', { name: 'withdrawn_by', nullable: true }) withdrawnBy: string | null;
}
