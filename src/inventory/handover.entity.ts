import { Column, Entity, PrimaryColumn } from 'typeorm';

export type HandoverStatus = 'open' | 'partially_returned' | 'closed';

/** One kit handed to one employee in one operation, with its receipt (verbale di consegna). */
@Entity('handovers')
export class HandoverEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar', { name: 'technician_id' }) technicianId: string;
  @Column('varchar', { name: 'technician_name' }) technicianName: string;
  @Column('varchar', { name: 'handed_at' }) handedAt: string;
  @Column('varchar', { name: 'handover_date' }) handoverDate: string;
  @Column('text', { nullable: true }) conditions: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  /** true when the kit held a gated kind and so went through the provisioning gate */
  @Column('boolean') gated: boolean;
  @Column('varchar', { name: 'gate_agreement_id', nullable: true }) gateAgreementId: string | null;
  @Column('varchar') status: HandoverStatus;
  @Column('integer', { name: 'items_count' }) itemsCount: number;
  @Column('integer', { name: 'outstanding_count' }) outstandingCount: number;
  @Column('varchar', { name: 'receipt_document_id' }) receiptDocumentId: string;
  @Column('varchar', { name: 'receipt_sha256' }) receiptSha256: string;
  @Column('varchar', { name: 'employee_signed_at', nullable: true }) employeeSignedAt: string | null;
  @Column('varchar', { name: 'employee_signature_recorded_by', nullable: true }) employeeSignatureRecordedBy: string | null;
  @Column('varchar', { name: 'technician_signed_at', nullable: true }) technicianSignedAt: string | null;
  @Column('varchar', { name: 'technician_signature_recorded_by', nullable: true }) technicianSignatureRecordedBy: string | null;
  @Column('varchar', { name: 'signed_scan_sha256', nullable: true }) signedScanSha256: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}
