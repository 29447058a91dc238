import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ACTIVE_CA_ID = 'active';

/**
 * The CA in use, shared by every instance on one database: created once (a conditional insert decides which
 * instance's CA wins) and mirrored to files under DATA_DIR/pki. The key is PKCS#8 encrypted under CA_PASSPHRASE.
 */
@Entity('pki_ca')
export class PkiCaEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('text', { name: 'certificate_pem' }) certificatePem: string;
  /** Issuers above an imported intermediate, up to the root, PEM concatenated; null for our own root. */
  @Column('text', { name: 'chain_pem', nullable: true }) chainPem: string | null;
  @Column('text', { name: 'encrypted_key_pem' }) encryptedKeyPem: string;
  @Column('varchar', { name: 'fingerprint_sha256' }) fingerprintSha256: string;
  @Column('varchar') subject: string;
  @Column('varchar', { name: 'not_after' }) notAfter: string;
  @Column('varchar') source: 'generated' | 'imported';
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
}
