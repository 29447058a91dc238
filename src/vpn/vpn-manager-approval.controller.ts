import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { uuidParam } from '../common/http/pipes';
import { ManagerApprovalDto, ManagerApprovalInputDto } from './dto/vpn-manager-approval.dto';
import { VpnManagerApprovals } from './vpn-manager-approvals.service';

const DESCRIPTION = [
  'Only when the municipality asks for this step (VPN_MANAGER_APPROVAL=true; otherwise 422 MANAGER_APPROVAL_NOT_ENABLED).',
  "The manager of the employee's service decides with their own directory login (403 NOT_MANAGER_OF_EMPLOYEE for",
  'anyone else), once, while the account is requested: until then the hot-line approval answers 422',
  'MANAGER_APPROVAL_PENDING. A refusal is final for that request (the hot-line approval answers 422',
  'MANAGER_APPROVAL_REFUSED; the hot-line revokes it, and a new request starts again). Recorded with who and when, audited.',
].join('\n');

@ApiTags('vpn')
@ApiBearerAuth()
@Controller('api/v1/vpn/accounts')
export class VpnManagerApprovalController {
  constructor(private readonly approvals: VpnManagerApprovals) {}

  @ApiErrors(
    'INVALID_ID',
    'MANAGER_APPROVAL_ALREADY_DECIDED',
    'MANAGER_APPROVAL_NOT_ENABLED',
    'NOT_MANAGER_OF_EMPLOYEE',
    'VPN_ACCOUNT_NOT_FOUND',
    'VPN_ACCOUNT_STATE_CONFLICT',
  )
  @Post(':id/manager-approval')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: "The manager's approval (or refusal) of a VPN request of one of their people", description: DESCRIPTION })
  @ApiOkResponse({ type: ManagerApprovalDto })
  decide(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ManagerApprovalInputDto): Promise<ManagerApprovalDto> {
    return this.approvals.decide(actor, id, body);
  }
}
