import { Pki1764800000000 } from './1764800000000-pki';
import { CertificateHoldOwner1765263000000 } from './1765263000000-certificate-hold-owner';
import { StationKeyPackages1765230000000 } from './1765230000000-station-key-packages';
import { PkiSigningKeys1765400000100 } from './1765400000100-signing-keys';

/** This module's migrations; all modules' run together in timestamp order. */
export const pkiMigrations: (new () => import('typeorm').MigrationInterface)[] = [
  Pki1764800000000,
  CertificateHoldOwner1765263000000,
  StationKeyPackages1765230000000,
  PkiSigningKeys1765400000100,
];
