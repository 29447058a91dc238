import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CertificateQueries } from './certificate-queries.service';
import { RevocationReason } from './domain/revocation';
import { CertificateDto, CertificateListQueryDto, CertificatePageDto, RevokeCertificateDto } from './dto/certificate.dto';
import { PkiStatusDto } from './dto/pki-status.dto';
import { PkiStatusService } from './pki-status.service';
import { RevocationService } from './revocation.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1')
export class CertificatesController {
  constructor(
    private readonly queries: CertificateQueries,
    private readonly revocations: RevocationService,
    private readonly status: PkiStatusService,
  ) {}

  /** Per person (subject, employee, station): the desks only; the RTD reads the counts (GET /api/v1/pki/status). */
  @ApiErrors('INVALID_CURSOR')
  @Get('certificates')
  @Roles('hotline', 'technician')
  @ApiOkResponse({ type: CertificatePageDto })
  list(@Query() query: CertificateListQueryDto): Promise<CertificatePageDto> {
    return this.queries.list(query);
  }

  @ApiErrors('CERTIFICATE_NOT_FOUND', 'INVALID_SERIAL')
  @Get('certificates/:serial')
  @Roles('hotline', 'technician')
  @ApiOkResponse({ type: CertificateDto })
  get(@Param('serial') serial: string): Promise<CertificateDto> {
    return this.queries.get(serial);
  }

  /** Revokes, or suspends with certificateHold; the CRL is republished before the answer. */
  @ApiErrors(
    'CERTIFICATE_ALREADY_ON_HOLD',
    'CERTIFICATE_ALREADY_REVOKED',
    'CERTIFICATE_NOT_FOUND',
    'CERTIFICATE_STATE_CHANGED',
    'INVALID_REVOCATION_REASON',
    'INVALID_SERIAL',
    'SERVER_CERTIFICATE_ADMIN_ONLY',
  )
  @Post('certificates/:serial/revoke')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOkResponse({ type: CertificateDto })
  revoke(@CurrentActor() actor: Actor, @Param('serial') serial: string, @Body() body: RevokeCertificateDto): Promise<CertificateDto> {
    return this.revocations.revokeNow(serial, body.reason as RevocationReason, actor);
  }

  /** Lifts a certificateHold: the certificate is valid again and leaves the next CRL. */
  @ApiErrors('CERTIFICATE_HOLD_OWNED_BY_ACCOUNT', 'CERTIFICATE_NOT_FOUND', 'CERTIFICATE_NOT_ON_HOLD', 'CERTIFICATE_STATE_CHANGED', 'INVALID_SERIAL')
  @Post('certificates/:serial/release-hold')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOkResponse({ type: CertificateDto })
  releaseHold(@CurrentActor() actor: Actor, @Param('serial') serial: string): Promise<CertificateDto> {
    return this.revocations.releaseHoldNow(serial, actor);
  }

  @ApiErrors()
  @Get('pki/status')
  @Roles('rtd', 'hotline')
  @ApiOkResponse({ type: PkiStatusDto })
  pkiStatus(): Promise<PkiStatusDto> {
    return this.status.status();
  }
}
