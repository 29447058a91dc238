import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_ACTIONS, ACCOUNT_STATES, AccountAction, AccountState } from '../../vpn';

export class VpnAccountActionsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', enum: [...ACCOUNT_ACTIONS] } },
    description: 'for each account state, the next steps the lifecycle allows from it (issue only where the account has no certificate yet)',
    example: { requested: ['approve', 'suspend', 'revoke'], revoked: [] },
  })
  byState: Record<AccountState, AccountAction[]>;

  @ApiProperty({
    enum: [...ACCOUNT_STATES],
    isArray: true,
    description: 'states in which the account already holds a working certificate: issuing there makes a replacement (another laptop, a lost password)',
    example: ['issued', 'installed', 'active'],
  })
  replacementIn: AccountState[];
}
