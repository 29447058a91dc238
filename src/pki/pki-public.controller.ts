import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { CaStore } from './ca-store';
import { CrlService } from './crl.service';
import { OcspResponder } from './ocsp-responder.service';
import { MAX_OCSP_REQUEST_BYTES } from './x509/ocsp-codec';
import { ApiErrors } from '../common/http/api-errors';

async function readRawBody(req: Request, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * What VPN gateways and clients fetch without credentials (SPEC §3: `/pki/*` is public). CRLs carry an ETag
 * (the CRL Number) so a gateway polling every minute mostly gets a 304.
 */
@ApiTags('pki (public)')
@Public()
@Controller('pki')
export class PkiPublicController {
  constructor(
    private readonly ca: CaStore,
    private readonly crl: CrlService,
    private readonly ocsp: OcspResponder,
  ) {}

  @ApiErrors()
  @Get('ca.pem')
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: 'the CA certificate, followed by its chain when the CA is an intermediate' })
  async caPem(@Res() res: Response): Promise<void> {
    const ca = await this.ca.get();
    res.set({ 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'public, max-age=3600', ETag: `"ca-${ca.fingerprintSha256.slice(0, 32)}"` });
    res.send(ca.bundlePem);
  }

  @ApiErrors()
  @Get('crl.pem')
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: 'the current CRL, PEM ("BEGIN X509 CRL")' })
  async crlPem(@Res() res: Response): Promise<void> {
    const crl = await this.crl.current();
    this.crlHeaders(res, crl.crlNumber, crl.thisUpdate, 'application/x-pem-file');
    res.send(crl.pem);
  }

  @ApiErrors()
  @Get('crl.der')
  @ApiProduces('application/pkix-crl')
  @ApiOkResponse({ description: 'the current CRL, DER (the URL written in certificates)' })
  async crlDer(@Res() res: Response): Promise<void> {
    const crl = await this.crl.current();
    this.crlHeaders(res, crl.crlNumber, crl.thisUpdate, 'application/pkix-crl');
    res.send(crl.der);
  }

  @ApiErrors('CSR_MALFORMED')
  @Post('ocsp')
  @HttpCode(200)
  @ApiProduces('application/ocsp-response')
  @ApiOkResponse({ description: 'RFC 6960 OCSP over HTTP POST (body: application/ocsp-request)' })
  async ocspPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    // Announced too large: answer malformedRequest without reading it (OCSP requests are a few hundred bytes).
    const announced = Number(req.headers['content-length'] ?? 0);
    const body = announced > MAX_OCSP_REQUEST_BYTES ? null : await readRawBody(req, MAX_OCSP_REQUEST_BYTES);
    this.ocspReply(res, await this.ocsp.respond(body ?? Buffer.alloc(0)), 'no-cache');
  }

  @ApiErrors('CSR_MALFORMED')
  @Get('ocsp/:request')
  @ApiProduces('application/ocsp-response')
  @ApiOkResponse({ description: 'RFC 6960 appendix A.1 GET form: the DER request, base64 and URL-encoded' })
  async ocspGet(@Param('request') encoded: string, @Res() res: Response): Promise<void> {
    const der = /^[A-Za-z0-9+/=_-]+$/.test(encoded) ? Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : Buffer.alloc(0);
    this.ocspReply(res, await this.ocsp.respond(der), 'public, max-age=60');
  }

  private crlHeaders(res: Response, crlNumber: number, thisUpdate: string, contentType: string): void {
    res.set({
      'Content-Type': contentType,
      'Cache-Control': 'public, max-age=60, must-revalidate',
      ETag: `"crl-${crlNumber}"`,
      'Last-Modified': new Date(thisUpdate).toUTCString(),
    });
  }

  private ocspReply(res: Response, der: Buffer, cacheControl: string): void {
    res.set({ 'Content-Type': 'application/ocsp-response', 'Cache-Control': cacheControl });
    res.send(der);
  }
}
