import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssetState } from './domain/asset-state';
import { DeviceKind, Ownership } from './domain/device-kind';

@Entity('assets')
export class AssetEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'asset_tag' }) assetTag: string;
  /** Copied from the model: serials are unique per manufacturer, and a unique index needs the column here. */
  @Column('varchar') manufacturer: string;
  @Column('varchar') serial: string;
  @Column('varchar') kind: DeviceKind;
  @Column('varchar', { name: 'model_id' }) modelId: string;
  @Column('varchar', { name: 'lot_id', nullable: true }) lotId: string | null;
  @Column('varchar') ownership: Ownership;
  @Column('varchar', { nullable: true }) location: string | null;
  @Column('varchar') state: AssetState;
  @Column('varchar', { name: 'holder_employee_id', nullable: true }) holderEmployeeId: string | null;
  @Column('varchar', { name: 'current_handover_id', nullable: true }) currentHandoverId: string | null;
  @Column('varchar', { name: 'assigned_at', nullable: true }) assignedAt: string | null;
  @Column('varchar', { nullable: true }) mac: string | null;
  @Column('varchar', { name: 'sim_iccid', nullable: true }) simIccid: string | null;
  @Column('varchar', { name: 'sim_phone_number', nullable: true }) simPhoneNumber: string | null;
  @Column('varchar', { name: 'sim_data_plan', nullable: true }) simDataPlan: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}
