import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { CreateVpnGatewayDto, GatewayLoadReportDto, UpdateVpnGatewayDto, VpnGatewayDto, VpnProfileDto } from './dto/vpn-gateway.dto';
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
}
