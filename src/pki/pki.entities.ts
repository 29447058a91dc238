import { CertificateEntity } from './certificate.entity';
import { PkiCaEntity } from './pki-ca.entity';
import { PkiCrlEntity } from './pki-crl.entity';
import { SigningKeyEntity } from './signing-key.entity';
import { StationKeyPackageEntity } from './station-key-package.entity';

export const pkiEntities = [CertificateEntity, PkiCaEntity, PkiCrlEntity, StationKeyPackageEntity, SigningKeyEntity];
