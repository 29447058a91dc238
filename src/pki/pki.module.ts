import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CaRepository } from './ca.repository';
import { CaStore } from './ca-store';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateQueries } from './certificate-queries.service';
import { CertificateRepository } from './certificate.repository';
import { Certificates } from './certificates.port';
import { CertificatesController } from './certificates.controller';
import { CrlRepository } from './crl.repository';
import { CrlService } from './crl.service';
import { OcspResponder } from './ocsp-responder.service';
import { PkiCertificates } from './pki-certificates.service';
import { PkiLifecycle } from './pki.lifecycle';
import { PkiPublicController } from './pki-public.controller';
import { PkiSettings } from './pki-settings';
import { PkiStatusService } from './pki-status.service';
import { PkiSigningKeys } from './pki-signing-keys.service';
import { RevocationService } from './revocation.service';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeys } from './signing-keys.port';
import { StationKeyPackageRepository } from './station-key-package.repository';

/**
 * The internal CA, station and gateway certificates, revocation, CRL and OCSP. Exports one port, Certificates
 * (certificates.port.ts): what VPN and KPI use; inventory reaches the PKI through its jobs (pki-jobs.ts).
 */
@Module({
  controllers: [CertificatesController, PkiPublicController],
  providers: [
    { provide: PkiSettings, inject: [AppConfig], useFactory: (config: AppConfig) => PkiSettings.load(config) },
    CaRepository,
    CertificateRepository,
    StationKeyPackageRepository,
    CrlRepository,
    CaStore,
    CrlService,
    CertificateIssuer,
    RevocationService,
    CertificateQueries,
    OcspResponder,
    PkiStatusService,
    PkiLifecycle,
    PkiCertificates,
    { provide: Certificates, useExisting: PkiCertificates },
    SigningKeyRepository,
    PkiSigningKeys,
    { provide: SigningKeys, useExisting: PkiSigningKeys },
  ],
  exports: [Certificates, SigningKeys],
})
export class PkiModule {}
