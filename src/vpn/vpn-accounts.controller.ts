import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import {
  CreateVpnAccountDto,
  InstalledDto,
  RevokeVpnAccountDto,
  SuspendVpnAccountDto,
  VpnAccountDto,
  VpnAccountListQueryDto,
  VpnAccountPageDto,
} from './dto/vpn-account.dto';
import { BulkOnboardDto, BulkOnboardResultDto } from './dto/vpn-bulk.dto';
import { IssueVpnCertificateDto, VpnIssuanceDto } from './dto/vpn-issuance.dto';
import { OpenVpnProfileService } from './openvpn-profile.service';
import { VpnAccountTransitionsService } from './vpn-account-transitions.service';
import { VpnAccountsService } from './vpn-accounts.service';
import { VpnBulkOnboardingService } from './vpn-bulk-onboarding.service';
import { VpnIssuanceService } from './vpn-issuance.service';
import { VpnRenewalService } from './vpn-renewal.service';
import { ApiErrors } from '../common/http/api-errors';

/**
 * VPN accounts for the hot-line: requested → approved → issued → installed → active ⇄ suspended → revoked.
 * Gated steps (approve, certificates, activate, resume) answer 422 GATE_REFUSED with the refusal codes.
 */
@ApiTags('vpn')
@ApiBearerAuth()
@Controller('api/v1/vpn/accounts')
export class VpnAccountsController {
  constructor(
    private readonly accounts: VpnAccountsService,
    private readonly issuance: VpnIssuanceService,
    private readonly transitions: VpnAccountTransitionsService,
    private readonly profiles: OpenVpnProfileService,
    private readonly bulk: VpnBulkOnboardingService,
    private readonly renewal: VpnRenewalService,
  ) {}

  @ApiErrors('EMPLOYEE_HAS_NO_USERNAME', 'EMPLOYEE_NOT_FOUND', 'UNKNOWN_VPN_PROFILE', 'USERNAME_NOT_USABLE', 'VPN_ACCOUNT_EXISTS')
  @Post()
  @Roles('hotline')
  @ApiOperation({ summary: 'Request a VPN account for an employee and a profile (409 VPN_ACCOUNT_EXISTS when one is open)' })
  @ApiCreatedResponse({ type: VpnAccountDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateVpnAccountDto): Promise<VpnAccountDto> {
    return this.accounts.create(actor, body);
  }

  @ApiErrors(
    'BULK_ONBOARDING_REFUSED',
    'CA_CHANGED',
    'CSR_KEY_TOO_WEAK',
    'CSR_KEY_UNSUPPORTED',
    'CSR_MALFORMED',
    'CSR_SIGNATURE_INVALID',
    'CSR_SUBJECT_MISMATCH',
    'DUPLICATE_IN_BATCH',
    'EMPLOYEE_HAS_NO_USERNAME',
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ASSET_TAG',
    'INVALID_ID',
    'INVALID_USERNAME',
    'NO_GATEWAY_FOR_PROFILE',
    'PKI_NOT_READY',
    'QUEUE_UNAVAILABLE',
    'STATION_NOT_A_LAPTOP',
    'STATION_NOT_FOUND',
    'STATION_NOT_HELD_BY_EMPLOYEE',
    'UNKNOWN_VPN_PROFILE',
    'VPN_ACCOUNT_EXISTS',
    'VPN_PROFILE_NO_LONGER_CONFIGURED',
  )
  @Post('bulk-onboard')
  @Roles('hotline')
  @ApiOperation({
    summary: 'Onboard up to 200 users at once from CSRs (all or nothing)',
    description:
      'Each item: gate, laptop held by the employee, CSR (CN = username, RSA ≥ 2048), account placed by expected load and issued; with activate=true also installed and active (VPN group). Any refused item refuses the whole batch: 422 BULK_ONBOARDING_REFUSED with every problem, nothing written.',
  })
  @ApiCreatedResponse({ type: BulkOnboardResultDto })
  bulkOnboard(@CurrentActor() actor: Actor, @Body() body: BulkOnboardDto): Promise<BulkOnboardResultDto> {
    return this.bulk.onboard(actor, body);
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('hotline')
  @ApiOkResponse({ type: VpnAccountPageDto })
  list(@Query() query: VpnAccountListQueryDto): Promise<VpnAccountPageDto> {
    return this.accounts.list(query);
  }

  @ApiErrors('INVALID_ID', 'VPN_ACCOUNT_NOT_FOUND')
  @Get(':id')
  @Roles('hotline')
  @ApiOkResponse({ type: VpnAccountDto })
  get(@Param('id', uuidParam()) id: string): Promise<VpnAccountDto> {
    return this.accounts.get(id);
  }

  @ApiErrors(
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ID',
    'MANAGER_APPROVAL_PENDING',
    'MANAGER_APPROVAL_REFUSED',
    'NO_GATEWAY_FOR_PROFILE',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'Gated; places the account on the gateway of its profile with the lowest expected load / capacity' })
  @ApiOkResponse({ type: VpnAccountDto })
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<VpnAccountDto> {
    return this.accounts.approve(actor, id);
  }

  @ApiErrors(
    'CA_CHANGED',
    'CERTIFICATE_ALREADY_ON_HOLD',
    'CERTIFICATE_ALREADY_REVOKED',
    'CERTIFICATE_NOT_FOUND',
    'CERTIFICATE_STATE_CHANGED',
    'CSR_KEY_TOO_WEAK',
    'CSR_KEY_UNSUPPORTED',
    'CSR_MALFORMED',
    'CSR_OR_GENERATED_KEY_REQUIRED',
    'CSR_SIGNATURE_INVALID',
    'CSR_SUBJECT_MISMATCH',
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ASSET_TAG',
    'INVALID_ID',
    'INVALID_REVOCATION_REASON',
    'INVALID_SERIAL',
    'INVALID_USERNAME',
    'PKI_NOT_READY',
    'SERVER_CERTIFICATE_ADMIN_ONLY',
    'STATION_CHANGED',
    'STATION_NOT_A_LAPTOP',
    'STATION_NOT_FOUND',
    'STATION_NOT_HELD_BY_EMPLOYEE',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
    'VPN_GATEWAY_MISSING',
    'VPN_PROFILE_NO_LONGER_CONFIGURED',
  )
  @Post(':id/certificates')
  @Roles('hotline')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Issue the station certificate for a laptop held by the employee (gated)',
    description:
      'From a CSR made on the laptop ({csrPem, stationAssetId}) or with a key made by the service ({stationAssetId, generateKey: true}). ' +
      'With generateKey the private key only ever travels inside a PKCS#12 under a one-time password, shown in this answer only and never stored: ' +
      'as pkcs12Base64 and as <pkcs12> in the returned .ovpn (OpenVPN asks for the password; --askpass <file>). The PKCS#12 is kept, so later downloads carry the same <pkcs12>. ' +
      'A replacement certificate revokes the previous one (superseded).',
  })
  @ApiCreatedResponse({ type: VpnIssuanceDto })
  issue(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: IssueVpnCertificateDto): Promise<VpnIssuanceDto> {
    return this.issuance.issue(actor, id, body);
  }

  @ApiErrors(
    'CERTIFICATE_NOT_FOUND',
    'INVALID_ID',
    'INVALID_SERIAL',
    'VPN_ACCOUNT_HAS_NO_CERTIFICATE',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_GATEWAY_MISSING',
    'VPN_PROFILE_KEY_NOT_STORED',
    'VPN_PROFILE_NO_LONGER_CONFIGURED',
  )
  @Get(':id/openvpn-profile')
  @Roles('hotline')
  @ApiProduces('application/x-openvpn-profile')
  @ApiOperation({
    summary: 'The OpenVPN client profile (.ovpn) of the account',
    description:
      'client, dev tun, remote <gateway host> <port> <proto>, remote-cert-tls server, inline <ca>; no routes: the address, the routes of the profile and the DNS are pushed by the gateway at connection. ' +
      'Never a key in clear. A key made on the laptop (CSR): inline <cert>, and the profile names the key file (<username>.key) beside it, as its comments say. ' +
      'A key generated by the service: the same <pkcs12> as the issuance answer, under the one-time password; after a renewal, <cert> and the same key as encrypted PKCS#8 in <key> (same password). ' +
      'A generated key issued before keys were kept protected cannot be put in a profile: 409 VPN_PROFILE_KEY_NOT_STORED (issue a new certificate).',
  })
  async openvpnProfile(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.profiles.forAccount(id);
    res.setHeader('Cache-Control', 'private, no-store');
    const bytes = Buffer.from(file.text, 'utf8');
    return new StreamableFile(bytes, { type: 'application/x-openvpn-profile', disposition: `attachment; filename="${file.fileName}"`, length: bytes.length });
  }

  @ApiErrors(
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ID',
    'QUEUE_UNAVAILABLE',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/installed')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'The hot-line confirms the profile is installed; {activate: true} also activates (gated)' })
  @ApiOkResponse({ type: VpnAccountDto })
  installed(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: InstalledDto): Promise<VpnAccountDto> {
    return this.transitions.installed(actor, id, body);
  }

  @ApiErrors(
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ID',
    'QUEUE_UNAVAILABLE',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/activate')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'Gated; adds the user to the directory VPN group' })
  @ApiOkResponse({ type: VpnAccountDto })
  activate(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<VpnAccountDto> {
    return this.transitions.activate(actor, id);
  }

  @ApiErrors(
    'CERTIFICATE_ALREADY_ON_HOLD',
    'CERTIFICATE_ALREADY_REVOKED',
    'CERTIFICATE_NOT_FOUND',
    'CERTIFICATE_STATE_CHANGED',
    'INVALID_ID',
    'INVALID_REVOCATION_REASON',
    'INVALID_SERIAL',
    'SERVER_CERTIFICATE_ADMIN_ONLY',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'Puts the certificate on hold (CRL) and removes the user from the VPN group' })
  @ApiOkResponse({ type: VpnAccountDto })
  suspend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SuspendVpnAccountDto): Promise<VpnAccountDto> {
    return this.transitions.suspend(actor, id, body);
  }

  @ApiErrors(
    'CERTIFICATE_HOLD_OWNED_BY_ACCOUNT',
    'CERTIFICATE_NOT_FOUND',
    'CERTIFICATE_NOT_ON_HOLD',
    'CERTIFICATE_STATE_CHANGED',
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ID',
    'INVALID_SERIAL',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/resume')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'Gated; back to the state it was suspended from (hold lifted), or to approved when the certificate is gone' })
  @ApiOkResponse({ type: VpnAccountDto })
  resume(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<VpnAccountDto> {
    return this.transitions.resume(actor, id);
  }

  @ApiErrors(
    'CA_CHANGED',
    'CERTIFICATE_NOT_FOUND',
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'INVALID_ID',
    'PKI_NOT_READY',
    'VPN_ACCOUNT_CHANGED',
    'VPN_ACCOUNT_HAS_NO_CERTIFICATE',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
    'VPN_CERTIFICATE_NOT_VALID',
  )
  @Post(':id/renew')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({
    summary: "Renews the account's certificate now (the daily renewal's step, whatever the horizon); gated",
    description:
      'A new certificate for the same key and laptop; the old one keeps working until the grace period ends, then is revoked as superseded. ' +
      '409 when the account is not installed or active, has no valid certificate, or a previous renewal is still in its grace period.',
  })
  @ApiOkResponse({ type: VpnAccountDto })
  async renew(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<VpnAccountDto> {
    await this.renewal.renewNow(actor, id);
    return this.accounts.get(id);
  }

  @ApiErrors('INVALID_ID', 'QUEUE_UNAVAILABLE', 'VPN_ACCOUNT_CHANGED', 'VPN_ACCOUNT_NOT_FOUND', 'VPN_ACCOUNT_STATE_CONFLICT')
  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('hotline')
  @ApiOperation({ summary: 'Final: every certificate of the account revoked with the reason, CRL republished, user out of the VPN group' })
  @ApiOkResponse({ type: VpnAccountDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: RevokeVpnAccountDto): Promise<VpnAccountDto> {
    return this.transitions.revoke(actor, id, body);
  }
}
