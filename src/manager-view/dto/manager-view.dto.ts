import { ApiProperty } from '@nestjs/swagger';

/**
 * What a manager reads of their people: no special-category data (no disability, no withdrawal basis, no free-text
 * reasons), built field by field from the owners' views.
 */
export class ManagedServiceDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class TeamActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() macroActivity: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['in_presence', 'fully_remote', 'partially_remote', 'outsourced'] }) mode: string;
  @ApiProperty() remoteCapable: boolean;
}

export class TeamAgreementDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['draft', 'awaiting_confirmation', 'signed', 'active', 'suspended', 'withdrawn', 'expired'] }) state: string;
  @ApiProperty() startDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty() remoteDaysPerWeek: number;
  @ApiProperty() inForceToday: boolean;
}

export class TeamVpnAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() profile: string;
  @ApiProperty({ enum: ['requested', 'approved', 'issued', 'installed', 'active', 'suspended', 'revoked'] }) state: string;
  @ApiProperty({ description: "waiting for the manager's approval (VPN_MANAGER_APPROVAL on, request not decided yet)" }) awaitingManager: boolean;
  @ApiProperty({ enum: ['approved', 'refused'], nullable: true, type: String, description: "the manager's recorded decision" }) managerDecision:
    'approved' | 'refused' | null;
}

export class TeamMemberDto {
  @ApiProperty() employeeId: string;
  @ApiProperty() employeeNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String, description: 'position (profilo professionale)' }) profile: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'contractual category' }) category: string | null;
  @ApiProperty({ type: [TeamActivityDto], description: 'the activities of the activity map they do' }) activities: TeamActivityDto[];
  @ApiProperty({ description: "eligible for remote work (the activities feature's rule)" }) eligible: boolean;
  @ApiProperty({ enum: ['fully', 'partially', 'none'], description: 'fully / partially / not remote-capable' }) remoteCapability: string;
  @ApiProperty({ type: TeamAgreementDto, nullable: true, description: 'the current agreement (in force, else the latest not ended, else the latest)' })
  agreement: TeamAgreementDto | null;
  @ApiProperty({ type: [TeamVpnAccountDto] }) vpnAccounts: TeamVpnAccountDto[];
}

export class ManagerTeamDto {
  @ApiProperty({ type: ManagedServiceDto }) service: ManagedServiceDto;
  @ApiProperty({ description: "VPN_MANAGER_APPROVAL: whether VPN requests need the manager's approval" }) vpnManagerApproval: boolean;
  @ApiProperty({ type: [TeamMemberDto] }) people: TeamMemberDto[];
}

export class CountersignatureTaskDto {
  @ApiProperty() agreementId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: ['draft', 'awaiting_confirmation'] }) state: string;
  @ApiProperty() startDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty() remoteDaysPerWeek: number;
  @ApiProperty({
    enum: ['sign', 'confirm'],
    description:
      "sign: the employee signed, the counterpart signature is missing (POST /api/v1/agreements/:id/sign, party manager, the manager's own login, " +
      'documentSha256 below); confirm: recorded from paper for this manager, awaiting their confirmation (POST …/countersignature/confirm)',
  })
  action: 'sign' | 'confirm';
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the signed document the counterpart signature must carry' }) documentSha256:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'reference of the signed paper (confirm)' }) documentReference: string | null;
}

export class CountersignatureTaskListDto {
  @ApiProperty({ description: "the manager's own employee id: the signerEmployeeId of a counterpart signature they give" }) managerEmployeeId: string;
  @ApiProperty({ type: [CountersignatureTaskDto], description: 'at most one per person of the service: answered whole, not a paged list' })
  tasks: CountersignatureTaskDto[];
}

export class VpnRequestTaskDto {
  @ApiProperty() accountId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() profile: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() eligible: boolean;
}

export class VpnRequestTaskListDto {
  @ApiProperty({ description: 'VPN_MANAGER_APPROVAL: false means the list is always empty' }) enabled: boolean;
  @ApiProperty({ type: [VpnRequestTaskDto], description: 'the requests of the service’s people awaiting this manager: answered whole, not a paged list' })
  requests: VpnRequestTaskDto[];
}
