import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key the service signs its own documents with (not a certificate authority): one per purpose, e.g. the VPN
 * gateways' allow-list. Stored as the CA key is — PKCS#8 encrypted under CA_PASSPHRASE, made once by whichever
 * instance gets there first (conditional insert) and shared by every instance on the database.
 */
@Entity('pki_signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn('varchar', { length: 40 }) purpose: string;
  /** `ecdsa-p256-sha256`. */
  @Column('varchar') algorithm: string;
  @Column('text', { name: 'public_key_pem' }) publicKeyPem: string;
  @Column('text', { name: 'encrypted_key_pem' }) encryptedKeyPem: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
