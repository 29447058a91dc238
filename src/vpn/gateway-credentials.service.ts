import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit';
import { SessionSubjects, TokenService } from '../auth';
import { Actor, GATEWAY_ROLE, gatewayActorId } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { NotFound } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { GatewayCredentialDto, GatewayCredentialRevokedDto } from './dto/gateway-check.dto';
import { VpnGatewayRepository } from './vpn-gateway.repository';

/**
 * Each gateway's own credential: an API token of role `gateway` whose subject is `gateway:<id>`, so it acts as that
 * gateway and nothing else (assertOwnGateway). One at a time: issuing a new one revokes the previous in the same
 * unit (rotation). Registered with authentication as the `gateway` subject kind: a token of a gateway that no
 * longer exists is refused at its next request.
 */
@Injectable()
export class GatewayCredentials implements OnModuleInit {
  constructor(
    private readonly gateways: VpnGatewayRepository,
    private readonly tokens: TokenService,
    private readonly subjects: SessionSubjects,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Gateways found once: no route or code path deletes a gateway (one is disabled, never removed), so one found stays. */
  private readonly existing = new Set<string>();

  onModuleInit(): void {
    this.subjects.register('gateway', async (id) => {
      if (this.existing.has(id)) return true;
      const found = (await this.gateways.findById(id)) !== null;
      if (found) this.existing.add(id);
      return found;
    });
  }

  async issue(actor: Actor, gatewayId: string): Promise<GatewayCredentialDto> {
    return this.uow.run(async (tx) => {
      const gateway = await this.gateways.findById(gatewayId, tx);
      if (!gateway) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
      const created = await this.tokens.rotateSubjectToken(tx, actor, {
        name: `gateway:${gateway.name}`,
        role: GATEWAY_ROLE,
        subject: gatewayActorId(gateway.id),
      });
      await this.audit.record(tx, actor, {
        action: created.revokedTokenIds.length ? 'vpn.gateway.credential-rotated' : 'vpn.gateway.credential-issued',
        entityType: 'vpn-gateway',
        entityId: gateway.id,
        summary: { name: gateway.name, tokenId: created.view.id, revokedTokenIds: created.revokedTokenIds },
      });
      return { gatewayId: gateway.id, token: created.token, createdAt: created.view.createdAt };
    });
  }

  async revoke(actor: Actor, gatewayId: string): Promise<GatewayCredentialRevokedDto> {
    return this.uow.run(async (tx) => {
      const gateway = await this.gateways.findById(gatewayId, tx);
      if (!gateway) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
      const revoked = await this.tokens.revokeSubjectTokens(tx, actor, gatewayActorId(gateway.id));
      if (!revoked.length) throw new NotFound('GATEWAY_CREDENTIAL_NOT_FOUND', `Gateway ${gateway.id} has no credential to revoke`, { id: gateway.id });
      await this.audit.record(tx, actor, {
        action: 'vpn.gateway.credential-revoked',
        entityType: 'vpn-gateway',
        entityId: gateway.id,
        summary: { name: gateway.name, revokedTokenIds: revoked },
      });
      return { gatewayId: gateway.id, revokedAt: this.clock.nowIso() };
    });
  }
}
