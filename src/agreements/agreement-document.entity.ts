import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed agreement as uploaded (the scan of the signed paper, or the digitally signed PDF), byte for byte: its
 * SHA-256 is the agreement's `documentSha256`. Every upload is kept; the newest is the agreement's document.
 * Base64 text keeps the column portable between SQLite and PostgreSQL (as inventory_documents).
 */
@Entity('agreement_documents')
export class AgreementDocumentEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'agreement_id' }) agreementId: string;
  @Column('varchar') sha256: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('varchar', { name: 'uploaded_by' }) uploadedBy: string;
  @Column('varchar', { name: 'uploaded_at' }) uploadedAt: string;
  @Column('text', { name: 'content_base64' }) contentBase64: string;
}
