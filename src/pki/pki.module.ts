import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CaRepository } from './ca.repository';
import { CaStore } from './ca-store';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateQueries } from './certificate-queries.service';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { CrlRepository } from './crl.repository';
import { CrlService } from './crl.service';
import { OcspResponder } from './ocsp-responder.service';
import { PkiLifecycle } from './pki.lifecycle';
import { PkiPublicController } from './pki-public.controller';
import { PkiSettings } from './pki-settings';
import { PkiStatusService } from './pki-status.service';
import { RevocationService } from './revocation.service';
import { StationKeyPackageRepository } from './station-key-package.repository';

/**
 * The internal CA, station and gateway certificates, revocation, CRL and OCSP. Exported for the VPN feature:
 * CertificateIssuer (issue inside a unit of work), RevocationService (revoke, revokeAllFor), CertificateQueries
 * (listExpiring) and CaStore (the CA bundle for .ovpn profiles).
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
  ],
  exports: [PkiSettings, CaStore, CertificateIssuer, RevocationService, CertificateQueries, CrlService, PkiStatusService],
})
export class PkiModule {}
