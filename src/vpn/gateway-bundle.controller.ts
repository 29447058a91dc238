import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { uuidParam } from '../common/http/pipes';
import { GatewayBundleDto, GatewayBundleQueryDto } from './dto/gateway-bundle.dto';
import { assertOwnGateway } from './gateway-access';
import { GatewayBundleService } from './gateway-bundle.service';
import { tarGz } from './gateway-bundle.tar';

@ApiTags('vpn')
@ApiBearerAuth()
@Controller('api/v1/vpn')
export class GatewayBundleController {
  constructor(private readonly bundles: GatewayBundleService) {}

  @ApiErrors('GATEWAY_NOT_OWN', 'INVALID_BUNDLE_OPTION', 'INVALID_ID', 'VPN_GATEWAY_NOT_FOUND', 'VPN_PROFILE_NO_LONGER_CONFIGURED')
  @Get('gateways/:id/bundle')
  @Roles('technician', 'gateway')
  @ApiProduces('application/json', 'application/gzip')
  @ApiOperation({
    summary: 'What the gateway administrator installs: server.conf, CA, current CRL, nftables ruleset, hook and refreshers with their configuration, README',
    description:
      'Rendered from the current state at every request (config/vpn.json, gateway records, CRL): download it again after a change. ' +
      'No secret inside (no private key, no token). ?format=tar: a gzip’d tar of the same files with their modes. A gateway credential gets only its own.',
  })
  @ApiOkResponse({ type: GatewayBundleDto })
  async bundle(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Query() query: GatewayBundleQueryDto, @Res() res: Response): Promise<void> {
    assertOwnGateway(actor, id);
    const bundle = await this.bundles.build(id, { installDir: query.dir, serviceUrl: query.serviceUrl });
    res.set('Cache-Control', 'no-store');
    if (query.format !== 'tar') {
      res.json(bundle);
      return;
    }
    const archive = tarGz(
      bundle.files.map((f) => ({ path: f.path, mode: parseInt(f.mode, 8), content: f.content })),
      new Date(bundle.generatedAt),
    );
    res.set({ 'Content-Type': 'application/gzip', 'Content-Disposition': `attachment; filename="remote-work-gateway-${bundle.gatewayName}.tar.gz"` });
    res.send(archive);
  }
}
