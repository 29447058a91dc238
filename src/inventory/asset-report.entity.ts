import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssetState, ReportStatus } from './domain/asset-state';

/** An incident or disposal: lost, stolen, sent to repair, back in stock, retired (RAEE). */
@Entity('asset_reports')
export class AssetReportEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'asset_id' }) assetId: string;
  @Column('varchar') status: ReportStatus;
  @Column('varchar', { name: 'previous_state' }) previousState: AssetState;
  @Column('text') note: string;
  @Column('varchar', { name: 'reported_at' }) reportedAt: string;
  @Column('varchar', { name: 'reported_by' }) reportedBy: string;
  @Column('varchar', { name: 'police_report_ref', nullable: true }) policeReportRef: string | null;
  @Column('varchar', { name: 'erasure_method', nullable: true }) erasureMethod: string | null;
  @Column('varchar', { name: 'erasure_certificate_ref', nullable: true }) erasureCertificateRef: string | null;
  @Column('varchar', { name: 'closed_handover_id', nullable: true }) closedHandoverId: string | null;
  @Column('varchar', { name: 'holder_employee_id', nullable: true }) holderEmployeeId: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
