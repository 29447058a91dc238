import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A (possibly partial) return of a handover's items, with its receipt (verbale di restituzione). */
@Entity('handover_returns')
export class HandoverReturnEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'handover_id' }) handoverId: string;
  @Column('varchar', { name: 'returned_at' }) returnedAt: string;
  @Column('varchar', { name: 'return_date' }) returnDate: string;
  @Column('varchar', { name: 'technician_id' }) technicianId: string;
  @Column('varchar', { name: 'technician_name' }) technicianName: string;
  /** JSON: [{assetId, method, confirmed, reference}] for each laptop returned */
  @Column('text', { name: 'data_wipe' }) dataWipe: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('varchar', { name: 'receipt_document_id' }) receiptDocumentId: string;
  @Column('varchar', { name: 'receipt_sha256' }) receiptSha256: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
