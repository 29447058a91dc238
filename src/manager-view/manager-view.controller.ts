import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { CountersignatureTaskListDto, ManagerTeamDto, VpnRequestTaskListDto } from './dto/manager-view.dto';
import { ManagerViewService } from './manager-view.service';

const SCOPE =
  "Scope: the people of the service the login's own employee record manages (the session's subject); 404 MANAGED_SERVICE_NOT_FOUND for any other login.";

/** The manager's own view (page /ui/manager). Every action goes through the owning feature's route. */
@ApiTags('manager')
@ApiBearerAuth()
@Controller('api/v1/manager')
export class ManagerViewController {
  constructor(private readonly view: ManagerViewService) {}

  @ApiErrors('MANAGED_SERVICE_NOT_FOUND')
  @Get('team')
  @Roles('manager')
  @ApiOperation({ summary: "The manager's people: activities, eligibility, agreement and VPN accounts", description: SCOPE })
  @ApiOkResponse({ type: ManagerTeamDto })
  team(@CurrentActor() actor: Actor): Promise<ManagerTeamDto> {
    return this.view.team(actor);
  }

  @ApiErrors('MANAGED_SERVICE_NOT_FOUND')
  @Get('countersignatures')
  @Roles('manager')
  @ApiOperation({
    summary: "Agreements of the manager's people awaiting their counterpart signature or its confirmation",
    description: `${SCOPE} Act with POST /api/v1/agreements/:id/sign (action sign) or …/countersignature/confirm (action confirm), with the manager's own login.`,
  })
  @ApiOkResponse({ type: CountersignatureTaskListDto })
  countersignatures(@CurrentActor() actor: Actor): Promise<CountersignatureTaskListDto> {
    return this.view.countersignatures(actor);
  }

  @ApiErrors('MANAGED_SERVICE_NOT_FOUND')
  @Get('vpn-requests')
  @Roles('manager')
  @ApiOperation({
    summary: "VPN requests of the manager's people awaiting their approval (VPN_MANAGER_APPROVAL on; empty otherwise)",
    description: `${SCOPE} Decide with POST /api/v1/vpn/accounts/:id/manager-approval.`,
  })
  @ApiOkResponse({ type: VpnRequestTaskListDto })
  vpnRequests(@CurrentActor() actor: Actor): Promise<VpnRequestTaskListDto> {
    return this.view.vpnRequests(actor);
  }
}
