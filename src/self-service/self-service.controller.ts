import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { uuidParam } from '../common/http/pipes';
import { MeDto } from './dto/me.dto';
import { OwnProfileQueryDto } from './dto/own-profile-query.dto';
import { OwnDeviceReportDto, ReportOwnDeviceDto } from './dto/report-device.dto';
import { OwnFile, SelfServiceActionsService } from './self-service-actions.service';
import { SelfServiceService } from './self-service.service';

function file(res: Response, f: OwnFile, type: string, disposition: 'inline' | 'attachment'): StreamableFile {
  if (f.sha256) res.setHeader('X-Content-SHA256', f.sha256);
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(f.bytes, { type, disposition: `${disposition}; filename="${f.fileName}"`, length: f.bytes.length });
}

/**
 * The employee's own records (issue 15). Who "me" is comes only from the session: a directory login of an employee
 * acts as `employee:<id>`; any other session answers 403 NOT_AN_EMPLOYEE. Nothing here takes an employee id.
 */
@ApiTags('self-service')
@ApiBearerAuth()
@ApiErrors('NOT_AN_EMPLOYEE')
@Controller('api/v1/me')
export class SelfServiceController {
  constructor(
    private readonly selfService: SelfServiceService,
    private readonly actions: SelfServiceActionsService,
  ) {}

  @Get()
  @Roles('employee')
  @ApiOperation({
    summary: 'My agreements, safety notice, devices, receipts and VPN accounts',
    description:
      'Name and service; the agreements (state, period, days, bands, signature dates, a withdrawal’s effective date; not the basis or notice ' +
      'days of a withdrawal, nor a suspension’s reason); the safety notice of the agreement in force (else the newest) with the last day it ' +
      'holds; the devices held now with the handover whose receipt covers them; every handover with its receipt link; the VPN accounts ' +
      '(state, also in Italian, profile, certificate validity; never a key).',
  })
  @ApiOkResponse({ type: MeDto })
  overview(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.selfService.overview(actor);
  }

  @ApiErrors('AGREEMENT_NOT_FOUND', 'EMPLOYEE_NOT_FOUND', 'INVALID_ID')
  @Get('agreements/:agreementId/document')
  @Roles('employee')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The document of one of my agreements (PDF, Italian)',
    description: 'The same document as HR’s GET /api/v1/agreements/:id/document.pdf (terms and parties); 404 AGREEMENT_NOT_FOUND for anyone else’s.',
  })
  async agreementDocument(
    @CurrentActor() actor: Actor,
    @Param('agreementId', uuidParam('agreementId')) agreementId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return file(res, await this.actions.agreementDocument(actor, agreementId), 'application/pdf', 'inline');
  }

  @ApiErrors('HANDOVER_NOT_FOUND', 'INVALID_ID', 'RECEIPT_NOT_FOUND')
  @Get('receipts/:handoverId')
  @Roles('employee')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The receipt (PDF, as stored at the handover) of one of my handovers; 404 HANDOVER_NOT_FOUND for anyone else’s' })
  async receipt(@CurrentActor() actor: Actor, @Param('handoverId', uuidParam('handoverId')) handoverId: string, @Res({ passthrough: true }) res: Response) {
    return file(res, await this.actions.receipt(actor, handoverId), 'application/pdf', 'inline');
  }

  @ApiErrors(
    'CERTIFICATE_NOT_FOUND',
    'NO_VPN_PROFILE',
    'VPN_ACCOUNT_HAS_NO_CERTIFICATE',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_REQUIRED',
    'VPN_GATEWAY_MISSING',
    'VPN_PROFILE_KEY_NOT_STORED',
    'VPN_PROFILE_NO_LONGER_CONFIGURED',
  )
  @Get('vpn/openvpn-profile')
  @Roles('employee')
  @ApiProduces('application/x-openvpn-profile')
  @ApiOperation({
    summary: 'The OpenVPN profile (.ovpn) of my VPN account',
    description:
      'The same file as the hot-line’s GET /api/v1/vpn/accounts/:id/openvpn-profile, when that route would give it; never a key in clear. ' +
      'accountId: one of my accounts (404 VPN_ACCOUNT_NOT_FOUND for anyone else’s); without it, my one account with a certificate ' +
      '(409 NO_VPN_PROFILE when none, 409 VPN_ACCOUNT_REQUIRED when several).',
  })
  async openVpnProfile(@CurrentActor() actor: Actor, @Query() query: OwnProfileQueryDto, @Res({ passthrough: true }) res: Response) {
    return file(res, await this.actions.openVpnProfile(actor, query.accountId), 'application/x-openvpn-profile', 'attachment');
  }

  @ApiErrors('ASSET_CHANGED', 'ASSET_NOT_FOUND', 'INVALID_ID', 'INVALID_STATE_TRANSITION', 'QUEUE_UNAVAILABLE')
  @Post('devices/:assetId/report')
  @Roles('employee')
  @ApiOperation({
    summary: 'Report a device I hold lost or stolen',
    description:
      'As the technician’s report: custody ends at once and, for a laptop, its station certificates are revoked (keyCompromise) at once, ' +
      'so the VPN stops letting it in. A device I do not hold answers 404 ASSET_NOT_FOUND.',
  })
  @ApiCreatedResponse({ type: OwnDeviceReportDto })
  report(@CurrentActor() actor: Actor, @Param('assetId', uuidParam('assetId')) assetId: string, @Body() body: ReportOwnDeviceDto): Promise<OwnDeviceReportDto> {
    return this.actions.report(actor, assetId, body);
  }
}
