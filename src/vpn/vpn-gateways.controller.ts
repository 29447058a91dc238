import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Public, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { CreateVpnGatewayDto, GatewayLoadReportDto, UpdateVpnGatewayDto, VpnGatewayDto, VpnProfileDto } from './dto/vpn-gateway.dto';
import { ConnectCheckDto, ConnectCheckRequestDto, GatewayCredentialDto, GatewayCredentialRevokedDto } from './dto/gateway-check.dto';
import { OwnGateway } from './gateway-access';
import { GatewayAllowList } from './gateway-allow-list.service';
import { GatewayConnectCheck } from './gateway-connect-check.service';
import { GatewayCredentials } from './gateway-credentials.service';
import { VpnGatewaysService } from './vpn-gateways.service';
import { VpnLoadReportService } from './vpn-load-report.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('vpn')
@ApiBearerAuth()
@Controller('api/v1/vpn')
export class VpnGatewaysController {
  constructor(
    private readonly gateways: VpnGatewaysService,
    private readonly load: VpnLoadReportService,
    private readonly credentials: GatewayCredentials,
    private readonly connectCheck: GatewayConnectCheck,
    private readonly allowList: GatewayAllowList,
  ) {}

  @ApiErrors()
  @Get('profiles')
  @Roles('hotline', 'rtd')
  @ApiOperation({ summary: 'VPN profiles (config/vpn.json): routes, DNS, and the gateways serving each' })
  @ApiOkResponse({ type: [VpnProfileDto] })
  profiles(): Promise<VpnProfileDto[]> {
    return this.gateways.profiles();
  }

  @ApiErrors()
  @Get('gateways')
  @Roles('hotline', 'rtd')
  @ApiOkResponse({ type: [VpnGatewayDto] })
  list(): Promise<VpnGatewayDto[]> {
    return this.gateways.list();
  }

  @ApiErrors()
  @Get('gateways/load')
  @Roles('hotline', 'rtd')
  @ApiOperation({
    summary: 'Expected peak concurrent sessions per gateway against capacity',
    description:
      'Expected sessions = Σ remote days per week / 5 over issued, installed and active accounts; a warning past the configured threshold or when the 95th percentile exceeds capacity.',
  })
  @ApiOkResponse({ type: GatewayLoadReportDto })
  loadReport(): Promise<GatewayLoadReportDto> {
    return this.load.report();
  }

  /** Before `gateways/:id`, which would take `signing-key.pem` for an id. */
  @ApiErrors()
  @Get('gateways/signing-key.pem')
  @Public()
  @ApiProduces('application/x-pem-file')
  @ApiOperation({
    summary: "The public key that verifies the gateways' allow-lists (ECDSA P-256, PEM SubjectPublicKeyInfo)",
    description: 'openssl dgst -sha256 -verify signing-key.pem -signature sig.bin body (see GET /api/v1/vpn/gateways/:id/allow-list)',
  })
  async signingKey(@Res() res: Response): Promise<void> {
    res.set({ 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'public, max-age=3600' });
    res.send(await this.allowList.publicKeyPem());
  }

  @ApiErrors('INVALID_ID', 'VPN_GATEWAY_NOT_FOUND')
  @Get('gateways/:id')
  @Roles('hotline', 'rtd')
  @ApiOkResponse({ type: VpnGatewayDto })
  get(@Param('id', uuidParam()) id: string): Promise<VpnGatewayDto> {
    return this.gateways.get(id);
  }

  @ApiErrors('GATEWAY_NAME_TAKEN', 'INVALID_GATEWAY_HOST', 'UNKNOWN_VPN_PROFILE')
  @Post('gateways')
  @Roles('admin')
  @ApiCreatedResponse({ type: VpnGatewayDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateVpnGatewayDto): Promise<VpnGatewayDto> {
    return this.gateways.create(actor, body);
  }

  @ApiErrors('GATEWAY_IN_USE', 'INVALID_GATEWAY_HOST', 'INVALID_ID', 'UNKNOWN_VPN_PROFILE', 'VPN_GATEWAY_CHANGED', 'VPN_GATEWAY_NOT_FOUND')
  @Patch('gateways/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit host, port, proto, capacity, enabled (disabled: no new accounts); profile only without accounts' })
  @ApiOkResponse({ type: VpnGatewayDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: UpdateVpnGatewayDto): Promise<VpnGatewayDto> {
    return this.gateways.update(actor, id, body);
  }

  @ApiErrors('INVALID_ID', 'VPN_GATEWAY_NOT_FOUND')
  @Post('gateways/:id/credential')
  @Roles('technician')
  @ApiOperation({
    summary: "Issue the gateway's credential (a bearer token of role gateway, shown once); issuing again rotates it: the previous one stops working",
    description: 'The credential reaches only its own gateway: its bundle, connect-check and allow-list, and the public /pki/* routes.',
  })
  @ApiCreatedResponse({ type: GatewayCredentialDto })
  issueCredential(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<GatewayCredentialDto> {
    return this.credentials.issue(actor, id);
  }

  @ApiErrors('GATEWAY_CREDENTIAL_NOT_FOUND', 'INVALID_ID', 'VPN_GATEWAY_NOT_FOUND')
  @Delete('gateways/:id/credential')
  @Roles('technician')
  @ApiOperation({ summary: "Revoke the gateway's credential" })
  @ApiOkResponse({ type: GatewayCredentialRevokedDto })
  revokeCredential(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<GatewayCredentialRevokedDto> {
    return this.credentials.revoke(actor, id);
  }

  @ApiErrors('GATEWAY_NOT_OWN', 'INVALID_ID', 'INVALID_SERIAL', 'VPN_GATEWAY_NOT_FOUND')
  @Post('gateways/:id/connect-check')
  @Roles('gateway')
  @UseGuards(OwnGateway)
  @HttpCode(200)
  @ApiProduces('application/json', 'text/plain')
  @ApiOperation({
    summary: "Connect-time check of a connecting certificate (the gateway's client-connect hook)",
    description:
      'Allow with the per-client directives, or deny with a reason code. With Accept: text/plain the answer is "ALLOW\\n" followed by one ' +
      'directive a line, or "DENY <CODE>\\n". The first allowed connection of an installed account makes it active. Nothing about the ' +
      'connection is stored.',
  })
  @ApiOkResponse({ type: ConnectCheckDto })
  async check(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: ConnectCheckRequestDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConnectCheckDto | string> {
    const answer = await this.connectCheck.check(actor, id, body.serial);
    res.set('Cache-Control', 'no-store');
    if (req.accepts(['application/json', 'text/plain']) !== 'text/plain') return answer;
    res.type('text/plain');
    return answer.decision === 'allow' ? `ALLOW\n${answer.directives.map((d) => `${d}\n`).join('')}` : `DENY ${answer.reason}\n`;
  }

  @ApiErrors('GATEWAY_NOT_OWN', 'INVALID_ID', 'VPN_GATEWAY_NOT_FOUND')
  @Get('gateways/:id/allow-list')
  @Roles('gateway', 'technician')
  @UseGuards(OwnGateway)
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'The signed, short-lived allow-list the gateway falls back to while the service is unreachable',
    description:
      'Text: header, gateway, issued, expires (issued + allowList.validMinutes), one "allow <serial> <base64 directives>" line per ' +
      'certificate allowed now on this gateway, and "signature <base64>" over every byte before it (ECDSA P-256, SHA-256; key at ' +
      'GET /api/v1/vpn/gateways/signing-key.pem). Past expires the gateway refuses everyone.',
  })
  @ApiOkResponse({ description: 'the allow-list (text/plain)' })
  async allowListOf(@Param('id', uuidParam()) id: string, @Res() res: Response): Promise<void> {
    const text = await this.allowList.render(id);
    res.set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.send(text);
  }
}
