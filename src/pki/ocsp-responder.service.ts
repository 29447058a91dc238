import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import { ActiveCa, CaStore } from './ca-store';
import { CertificateRepository } from './certificate.repository';
import { REASON_CODES, reasonCode } from './domain/revocation';
import { CertStatus, OcspCertId, OcspMalformed, buildOcspResponse, ocspErrorResponse, parseOcspRequest } from './x509/ocsp-codec';

/**
 * OCSP responder (RFC 6960) answering from the certificates table, so it is current the moment a
 * revocation commits (the CRL follows a moment later). Signed by the CA key itself. Errors are OCSP error
 * responses, never HTTP errors: that is what OCSP clients understand.
 */
@Injectable()
export class OcspResponder {
  private readonly logger = new Logger('Pki');

  constructor(
    private readonly ca: CaStore,
    private readonly certificates: CertificateRepository,
    private readonly clock: Clock,
  ) {}

  async respond(requestDer: Buffer): Promise<Buffer> {
    let request;
    try {
      request = parseOcspRequest(requestDer);
    } catch (err) {
      if (err instanceof OcspMalformed) return ocspErrorResponse(1);
      throw err;
    }
    try {
      const ca = await this.ca.get();
      const responses = [];
      for (const certId of request.certIds) responses.push({ certIdDer: certId.der, status: await this.statusOf(certId, ca) });
      const now = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
      return buildOcspResponse({
        responses,
        producedAt: now,
        thisUpdate: now,
        nonceExtension: request.nonceExtension,
        responderKeyHash: createHash('sha1').update(ca.publicKeyBits).digest(),
        privateKey: ca.issuer.privateKey,
      });
    } catch (err) {
      this.logger.error({ err }, 'OCSP responder error');
      return ocspErrorResponse(2);
    }
  }

  private async statusOf(certId: OcspCertId, ca: ActiveCa): Promise<CertStatus> {
    if (!certId.hash || !certId.serialHex) return { status: 'unknown' };
    const nameHash = createHash(certId.hash).update(ca.subjectDer).digest();
    const keyHash = createHash(certId.hash).update(ca.publicKeyBits).digest();
    if (!nameHash.equals(certId.issuerNameHash) || !keyHash.equals(certId.issuerKeyHash)) return { status: 'unknown' };
    const cert = await this.certificates.findBySerial(certId.serialHex);
    if (!cert || cert.issuerFingerprint !== ca.fingerprintSha256) return { status: 'unknown' };
    if (cert.status === 'valid') return { status: 'good' };
    const code = cert.status === 'on_hold' ? REASON_CODES.certificateHold : reasonCode(cert.revocationReason ?? 'unspecified');
    return { status: 'revoked', revokedAt: new Date(cert.revokedAt ?? cert.updatedAt), reasonCode: code === 0 ? null : code };
  }
}
