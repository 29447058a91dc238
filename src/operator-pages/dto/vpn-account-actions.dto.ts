import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_ACTIONS, AccountAction, AccountState } from '../../vpn';

export class VpnAccountActionsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', enum: [...ACCOUNT_ACTIONS] } },
    description: 'for each account state, the actions the lifecycle allows from it',
    example: { requested: ['approve', 'suspend', 'revoke'], revoked: [] },
  })
  byState: Record<AccountState, AccountAction[]>;
}
