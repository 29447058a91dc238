import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InventoryDocumentKind = 'handover_receipt' | 'return_receipt';

/**
 * The exact bytes of a receipt, kept so that what the employee signed can be produced again byte for byte
 * (its SHA-256 is on the handover). Base64 text keeps the column portable between SQLite and PostgreSQL.
 */
@Entity('inventory_documents')
export class InventoryDocumentEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') kind: InventoryDocumentKind;
  @Column('varchar', { name: 'handover_id' }) handoverId: string;
  @Column('varchar', { name: 'return_id', nullable: true }) returnId: string | null;
  @Column('varchar', { name: 'file_name' }) fileName: string;
  @Column('varchar') sha256: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('text', { name: 'content_base64' }) contentBase64: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
