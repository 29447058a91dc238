import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/unique-violation';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { PLACEMENT_LOAD_STATES } from './domain/account-lifecycle';
import { parseCidr } from './domain/cidr';
import { NetworkAccess, portsProblem } from './domain/network-access';
import { GatewayCandidate, chooseGateway, placeAll } from './domain/placement';
import { CreateVpnGatewayDto, UpdateVpnGatewayDto, VpnGatewayDto, VpnProfileDto } from './dto/vpn-gateway.dto';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { GatewayChanges, VpnGatewayRepository } from './vpn-gateway.repository';
import { isGatewayHost, poolProblems, VpnSettings } from './vpn-settings';
import { toGatewayDto } from './vpn.mapper';

/**
 * Gateways (database, seeded from config/vpn.json, edited through the API), profiles (config only) and placement
 * of accounts on the gateways of their profile.
 */
@Injectable()
export class VpnGatewaysService {
  private readonly logger = new Logger('Vpn');

  constructor(
    private readonly gateways: VpnGatewayRepository,
    private readonly accounts: VpnAccountRepository,
    private readonly settings: VpnSettings,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async profiles(): Promise<VpnProfileDto[]> {
    const all = await this.gateways.list();
    return this.settings.profiles.map((p) => ({
      name: p.name,
      description: p.description,
      pool: p.pool,
      networks: p.networks.map((n) => ({ ...n })),
      dns: { servers: [...p.dns.servers], domain: p.dns.domain },
      gateways: all.filter((g) => g.profile === p.name).map((g) => g.name),
    }));
  }

  async list(): Promise<VpnGatewayDto[]> {
    return (await this.gateways.list()).map((g) => this.dto(g));
  }

  async get(id: string): Promise<VpnGatewayDto> {
    const g = await this.gateways.findById(id);
    if (!g) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', id);
    return this.dto(g);
  }

  async create(actor: Actor, dto: CreateVpnGatewayDto): Promise<VpnGatewayDto> {
    this.assertHost(dto.host);
    this.assertProfile(dto.profile);
    this.assertNetworks(dto.networks);
    const now = this.clock.nowIso();
    const row: VpnGatewayEntity = {
      id: randomUUID(),
      name: dto.name,
      host: dto.host.toLowerCase(),
      port: dto.port ?? 1194,
      proto: dto.proto ?? 'udp',
      profile: dto.profile,
      capacity: dto.capacity,
      enabled: dto.enabled ?? true,
      networks: dto.networks ? normaliseNetworks(dto.networks) : null,
      source: 'api',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await this.uow.run(async (tx) => {
        if (await this.gateways.findByName(row.name, tx)) throw this.nameTaken(row.name);
        await this.gateways.insert(tx, row);
        await this.audit.record(tx, actor, { action: 'vpn.gateway.created', entityType: 'vpn-gateway', entityId: row.id, summary: { ...this.dto(row) } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.nameTaken(row.name);
      throw err;
    }
    return this.dto(row);
  }

  async update(actor: Actor, id: string, dto: UpdateVpnGatewayDto): Promise<VpnGatewayDto> {
    if (dto.host !== undefined) this.assertHost(dto.host);
    if (dto.profile !== undefined) this.assertProfile(dto.profile);
    if (dto.networks) this.assertNetworks(dto.networks);
    const changes: GatewayChanges = {};
    for (const key of ['host', 'port', 'proto', 'profile', 'capacity', 'enabled'] as const) {
      if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = key === 'host' ? (dto.host as string).toLowerCase() : dto[key];
    }
    if (dto.networks !== undefined) changes.networks = dto.networks === null ? null : normaliseNetworks(dto.networks);
    if (Object.keys(changes).length === 0)
      throw new ValidationFailed([{ field: '(body)', messages: ['give at least one of host, port, proto, profile, capacity, enabled, networks'] }]);
    return this.uow.run(async (tx) => {
      const current = await this.gateways.findById(id, tx);
      if (!current) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', id);
      if (changes.profile !== undefined && changes.profile !== current.profile && (await this.accounts.countOnGateway(id, tx)) > 0) {
        throw new Conflict(
          'GATEWAY_IN_USE',
          `Gateway ${current.name} has accounts of profile ${current.profile}: create a new gateway for ${changes.profile}`,
          {
            profile: current.profile,
          },
        );
      }
      const now = this.clock.nowIso();
      if (!(await this.gateways.update(tx, id, Number(current.version), changes, now))) {
        throw new Conflict('VPN_GATEWAY_CHANGED', 'The gateway changed meanwhile; look at it again');
      }
      const before = this.dto(current);
      const after: VpnGatewayEntity = { ...current, ...changes, updatedAt: now, version: Number(current.version) + 1 };
      await this.audit.record(tx, actor, {
        action: 'vpn.gateway.updated',
        entityType: 'vpn-gateway',
        entityId: id,
        summary: {
          name: current.name,
          changes: Object.fromEntries(
            Object.keys(changes).map((k) => [k, { from: (before as unknown as Record<string, unknown>)[k], to: (changes as Record<string, unknown>)[k] }]),
          ),
        },
      });
      return this.dto(after);
    });
  }

  /** At start: each gateway of config/vpn.json is created when no gateway has its name. Never overwrites edits. */
  async seed(): Promise<string[]> {
    const created: string[] = [];
    const now = this.clock.nowIso();
    await this.uow.run(async (tx) => {
      for (const g of this.settings.seedGateways) {
        const row: VpnGatewayEntity = {
          id: randomUUID(),
          ...g,
          host: g.host.toLowerCase(),
          networks: g.networks ?? null,
          enabled: true,
          source: 'config',
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        if (await this.gateways.insertIfAbsent(tx, row)) created.push(g.name);
      }
    });
    if (created.length) this.logger.log({ gateways: created }, 'VPN gateways seeded from the configuration');
    return created;
  }

  /** The gateway for one account of `profile` (inside the approving unit). */
  async place(tx: Tx, profile: string, remoteDaysPerWeek: number): Promise<VpnGatewayEntity> {
    const { candidates, byId } = await this.candidates(tx, profile);
    return byId.get(chooseGateway(candidates, remoteDaysPerWeek, profile).id)!;
  }

  /**
   * Gateways for several accounts of one profile, each seeing the ones placed before it. Two units placing at the
   * same moment may both see the same loads and pick the same gateway: balancing is statistical, a few accounts
   * either way do not matter, and the load report shows the result.
   */
  async placeMany(tx: Tx, profile: string, remoteDays: number[]): Promise<VpnGatewayEntity[]> {
    const { candidates, byId } = await this.candidates(tx, profile);
    return placeAll(candidates, remoteDays, profile).map((id) => byId.get(id)!);
  }

  private async candidates(tx: Tx, profile: string): Promise<{ candidates: GatewayCandidate[]; byId: Map<string, VpnGatewayEntity> }> {
    const gateways = await this.gateways.list(profile, tx);
    const placed = await this.accounts.placedRemoteDays(tx, profile, PLACEMENT_LOAD_STATES);
    return {
      candidates: gateways.map((g) => ({
        id: g.id,
        name: g.name,
        capacity: Number(g.capacity),
        enabled: Boolean(g.enabled),
        placedRemoteDays: placed.get(g.id) ?? 0,
      })),
      byId: new Map(gateways.map((g) => [g.id, g])),
    };
  }

  private assertHost(host: string): void {
    if (!isGatewayHost(host))
      throw new ValidationFailed(
        [{ field: 'host', messages: ['a DNS host name or an IPv4 address'] }],
        'The gateway host is not valid',
        'INVALID_GATEWAY_HOST',
      );
  }

  /** The record's DTO, with the networks it serves (its own, or its profile's). */
  dto(g: VpnGatewayEntity): VpnGatewayDto {
    return toGatewayDto(g, this.settings.profile(g.profile)?.networks ?? []);
  }

  /** Networks of a gateway record: CIDR networks with valid ports, none overlapping a profile's pool. */
  private assertNetworks(networks: NetworkAccess[] | null | undefined): void {
    if (!networks) return;
    const problems: string[] = [];
    networks.forEach((n, i) => {
      if (!parseCidr(n.cidr)) problems.push(`networks.${i}.cidr: an IPv4 network in CIDR notation, host bits zero (10.10.0.0/16)`);
      const p = n.ports && portsProblem(n.ports);
      if (p) problems.push(`networks.${i}.ports: ${p}`);
    });
    if (!problems.length) {
      const profiles = this.settings.profiles.map((p) => ({ name: p.name, pool: p.pool, networks: [] }));
      problems.push(...poolProblems(profiles, [{ name: 'this gateway', networks }]).map((x) => x.message));
    }
    if (problems.length)
      throw new ValidationFailed([{ field: 'networks', messages: problems }], 'The networks of the gateway are not valid', 'INVALID_GATEWAY_NETWORKS');
  }

  private assertProfile(profile: string): void {
    if (!this.settings.profile(profile)) {
      throw new ValidationFailed(
        [{ field: 'profile', messages: [`one of ${this.settings.profiles.map((p) => p.name).join(', ')}`] }],
        `Unknown VPN profile ${profile}`,
        'UNKNOWN_VPN_PROFILE',
      );
    }
  }

  private nameTaken(name: string): Conflict {
    return new Conflict('GATEWAY_NAME_TAKEN', `A gateway named ${name} already exists`, { name });
  }
}

/** Only the fields a network has (a DTO instance carries none other, but the stored JSON stays plain). */
function normaliseNetworks(networks: NetworkAccess[]): NetworkAccess[] {
  return networks.map((n) => (n.ports ? { cidr: n.cidr, ports: [...n.ports] } : { cidr: n.cidr }));
}
