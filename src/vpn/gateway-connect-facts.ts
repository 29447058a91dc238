import { Injectable } from '@nestjs/common';
import { GateDecision, ProvisioningGate } from '../agreements';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { StationAssets } from '../inventory';
import { Certificates, StationBinding } from '../pki';
import { agreementInForceFrom, CONNECTABLE_STATES, ConnectFacts } from './domain/connect-decision';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';

type PersonFacts = Pick<ConnectFacts, 'employee' | 'agreementInForce'>;

/**
 * Gathers what `decideConnect` judges, each from the feature that owns it, through its public face: the
 * certificate from the PKI, the account here, the laptop from inventory, the employee's standing and "an agreement
 * in force today" from the agreements' gate (which asks the directory). No cache: a suspension, a withdrawal or a returned
 * laptop holds at the next connection.
 */
@Injectable()
export class GatewayConnectFacts {
  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly gateways: VpnGatewayRepository,
    private readonly pki: Certificates,
    private readonly stations: StationAssets,
    private readonly gate: ProvisioningGate,
    private readonly clock: Clock,
  ) {}

  /**
   * The facts of one connecting certificate (serial in canonical form) at the gateway asking; null when there is no
   * such gateway. The reads that do not depend on each other are asked together: the gateway beside the certificate
   * and its account, then the laptop beside the person (the hook waits on this at 8:30).
   */
  async forSerial(gatewayId: string, serial: string): Promise<{ gateway: VpnGatewayEntity; facts: ConnectFacts; account: VpnAccountEntity | null } | null> {
    const [gateway, { binding, account }] = await Promise.all([this.gateways.findById(gatewayId), this.certificateAndAccount(serial)]);
    if (!gateway) return null;
    if (!binding || !account) {
      return { gateway, facts: this.facts(gateway, serial, binding, account, null, { employee: null, agreementInForce: false }), account };
    }
    const [station, person] = await Promise.all([this.station(binding.stationAssetId ?? account.stationAssetId), this.person(account.employeeId)]);
    return { gateway, facts: this.facts(gateway, serial, binding, account, station, person), account };
  }

  private async certificateAndAccount(serial: string): Promise<{ binding: StationBinding | null; account: VpnAccountEntity | null }> {
    const binding = (await this.pki.stationBindings([serial])).get(serial) ?? null;
    return { binding, account: binding?.vpnAccountId ? await this.accounts.findById(binding.vpnAccountId) : null };
  }

  /**
   * The facts of every account that may connect at this gateway now (the allow-list's candidates: its profile, a
   * connectable state, placed on it unless it is enabled for failover), each serial it may present. `wanted`: asked
   * between accounts; once false the reading stops and what was read so far is returned (the caller drops it).
   */
  async forGateway(gateway: VpnGatewayEntity, wanted?: () => boolean): Promise<{ facts: ConnectFacts; account: VpnAccountEntity }[]> {
    const candidates = await this.accounts.forGatewayAllowList(
      { id: gateway.id, profile: gateway.profile, enabled: Boolean(gateway.enabled) },
      CONNECTABLE_STATES,
    );
    return this.forAccounts(gateway, candidates, wanted);
  }

  /**
   * The same as `forGateway`, a page of `size` accounts at a time (by id): what the connect-time check's background
   * pass reads, so that no single read of it holds the event loop for long while checks are arriving.
   */
  async *forGatewayInPages(gateway: VpnGatewayEntity, size: number): AsyncGenerator<{ facts: ConnectFacts; account: VpnAccountEntity }[]> {
    let after: string | null = null;
    for (;;) {
      const candidates = await this.accounts.forGatewayAllowList(
        { id: gateway.id, profile: gateway.profile, enabled: Boolean(gateway.enabled) },
        CONNECTABLE_STATES,
        { after, limit: size },
      );
      if (candidates.length === 0) return;
      yield await this.forAccounts(gateway, candidates);
      if (candidates.length < size) return;
      after = candidates[candidates.length - 1].id;
    }
  }

  /**
   * The facts of every serial a set of accounts may present now (current, and the replaced one during its grace
   * period), for the allow-list and the gateway pass: one PKI query, one inventory query and one gate decision for
   * them all (three reads whatever the number of employees), not a read of each per account.
   */
  async forAccounts(
    gateway: VpnGatewayEntity,
    accounts: VpnAccountEntity[],
    wanted: () => boolean = () => true,
  ): Promise<{ facts: ConnectFacts; account: VpnAccountEntity }[]> {
    const now = this.clock.nowIso();
    const serialsOf = (a: VpnAccountEntity) =>
      [a.currentSerial, a.supersedeAfter && a.supersedeAfter > now ? a.supersededSerial : null].filter((s): s is string => !!s);
    const bindings = await this.pki.stationBindings(accounts.flatMap(serialsOf));
    const out: { facts: ConnectFacts; account: VpnAccountEntity }[] = [];
    if (!wanted()) return out;
    const owned = accounts.flatMap((account) =>
      serialsOf(account).map((serial) => {
        const binding = bindings.get(serial) ?? null;
        // a certificate issued for another account is not this account's, whatever the account row says
        return { account, serial, binding, own: binding && binding.vpnAccountId === account.id ? account : null };
      }),
    );
    const stationOf = (x: (typeof owned)[number]) => x.binding?.stationAssetId ?? x.account.stationAssetId;
    const mine = owned.filter((x) => x.binding && x.own);
    const stations = await this.stations.findByIds(mine.map(stationOf).filter((id): id is string => !!id));
    if (!wanted()) return out;
    const decisions = await this.gate.checkMany(mine.map((x) => x.account.employeeId));
    for (const x of owned) {
      if (!x.binding || !x.own) {
        out.push({ facts: this.facts(gateway, x.serial, x.binding, x.own, null, { employee: null, agreementInForce: false }), account: x.account });
        continue;
      }
      const assetId = stationOf(x);
      const asset = assetId ? stations.get(assetId) : undefined;
      const station = asset ? { state: asset.state, holderEmployeeId: asset.holderEmployeeId } : null;
      out.push({ facts: this.facts(gateway, x.serial, x.binding, x.account, station, personFrom(decisions.get(x.account.employeeId))), account: x.account });
    }
    return out;
  }

  private facts(
    gateway: VpnGatewayEntity,
    serial: string,
    binding: StationBinding | null,
    account: VpnAccountEntity | null,
    station: ConnectFacts['station'],
    person: PersonFacts,
  ): ConnectFacts {
    return {
      now: this.clock.nowIso(),
      serial,
      gateway: { id: gateway.id, profile: gateway.profile, enabled: Boolean(gateway.enabled) },
      certificate: binding && {
        kind: binding.kind,
        status: binding.status,
        notBefore: binding.notBefore,
        notAfter: binding.notAfter,
        stationAssetId: binding.stationAssetId,
      },
      account: account && {
        id: account.id,
        state: account.state,
        profile: account.profile,
        gatewayId: account.gatewayId,
        employeeId: account.employeeId,
        stationAssetId: account.stationAssetId,
        currentSerial: account.currentSerial,
        supersededSerial: account.supersededSerial,
        supersedeAfter: account.supersedeAfter,
      },
      station,
      ...person,
    };
  }

  private async station(assetId: string | null): Promise<ConnectFacts['station']> {
    if (!assetId) return null;
    const asset = await this.stations.findById(assetId);
    return asset && { state: asset.state, holderEmployeeId: asset.holderEmployeeId };
  }

  /**
   * The employee's standing and "an agreement in force today", in one question to the agreements' gate, which reads
   * the employee through the directory's port (EMPLOYEE_INACTIVE) beside the agreements: one read of each, not two.
   */
  private async person(employeeId: string): Promise<PersonFacts> {
    try {
      return personFrom(await this.gate.check(employeeId));
    } catch (err) {
      // no such employee in the directory: refused as inactive, not a 404 to the gateway
      if (err instanceof DomainError && err.kind === 'not_found') return personFrom(undefined);
      throw err;
    }
  }
}

/** The person facts from the gate's decision; no decision (no such employee in the directory): refused as inactive. */
function personFrom(decision: GateDecision | undefined): PersonFacts {
  if (!decision) return { employee: null, agreementInForce: false };
  return { employee: { active: !decision.refusals.includes('EMPLOYEE_INACTIVE') }, agreementInForce: agreementInForceFrom(decision.refusals) };
}
