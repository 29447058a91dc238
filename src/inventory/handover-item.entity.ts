import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DeviceKind } from './domain/device-kind';
import { ReturnCondition } from './domain/return.rules';

export type ItemClosedReason = 'returned' | 'lost' | 'stolen';

/**
 * One asset in a handover: the assignment row. Model, serial and tag are copied so the receipt and the
 * history read the same even if the asset record is corrected later. The handover's holder (`employee_id`) and
 * date (`handover_date`) are copied too, at insert (both are fixed for a handover's life): "held on a date" (the
 * POLA indicators) is then one index range over the items, with no join to handovers.
 */
@Entity('handover_items')
export class HandoverItemEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'handover_id' }) handoverId: string;
  /** = handovers.employee_id of `handoverId`. */
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  /** = handovers.handover_date of `handoverId` (YYYY-MM-DD). */
  @Column('varchar', { name: 'handover_date' }) handoverDate: string;
  @Column('varchar', { name: 'asset_id' }) assetId: string;
  @Column('integer') position: number;
  @Column('varchar') kind: DeviceKind;
  @Column('varchar') manufacturer: string;
  @Column('varchar', { name: 'model_name' }) modelName: string;
  @Column('varchar') serial: string;
  @Column('varchar', { name: 'asset_tag' }) assetTag: string;
  @Column('varchar', { name: 'return_id', nullable: true }) returnId: string | null;
  @Column('varchar', { name: 'returned_at', nullable: true }) returnedAt: string | null;
  @Column('varchar', { name: 'return_condition', nullable: true }) returnCondition: ReturnCondition | null;
  @Column('text', { name: 'return_note', nullable: true }) returnNote: string | null;
  @Column('varchar', { name: 'closed_at', nullable: true }) closedAt: string | null;
  @Column('varchar', { name: 'closed_reason', nullable: true }) closedReason: ItemClosedReason | null;
}
