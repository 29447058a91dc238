import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The key of a station certificate the service generated, kept only as the user received it: inside the PKCS#12
 * under the one-time password (which is never stored), so that every later download of the .ovpn can carry it
 * (`<pkcs12>`) and work as it is. Whoever reads the database gets a file sealed by a ~119-bit random password.
 * A renewal (same key, new certificate) cannot rebuild a PKCS#12 without that password: it keeps the same
 * encrypted key (PKCS#8 under the same password) for a profile with `<cert>` and an encrypted `<key>`.
 */
@Entity('station_key_packages')
export class StationKeyPackageEntity {
  /** Serial of the certificate this package goes with. */
  @PrimaryColumn('varchar', { length: 40 }) serial: string;
  /** DER PKCS#12, base64 (key under the one-time password, certificate, CA chain); null after a renewal. */
  @Column('text', { name: 'pkcs12_base64', nullable: true }) pkcs12Base64: string | null;
  /** The same key as PKCS#8 EncryptedPrivateKeyInfo under the same one-time password, PEM. */
  @Column('text', { name: 'encrypted_key_pem' }) encryptedKeyPem: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
