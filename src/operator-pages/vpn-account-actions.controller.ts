import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { VpnAccountActionsDto } from './dto/vpn-account-actions.dto';
import { vpnAccountActionsByState } from './vpn-account-actions';
import { ApiErrors } from '../common/http/api-errors';

/** Read-only and data-free: the VPN lifecycle's allowed actions per state, for the hot-line page's buttons. */
@ApiTags('vpn')
@ApiBearerAuth()
@Controller('api/v1/operator/vpn-account-actions')
export class VpnAccountActionsController {
  @ApiErrors()
  @Get()
  @Roles('hotline')
  @ApiOperation({ summary: 'Actions the VPN account lifecycle allows from each state (the API still decides each action)' })
  @ApiOkResponse({ type: VpnAccountActionsDto })
  actions(): VpnAccountActionsDto {
    return vpnAccountActionsByState();
  }
}
