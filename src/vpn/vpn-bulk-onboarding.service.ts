import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, RuleViolation } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { StationAssets } from '../inventory';
import { Outbox } from '../jobs';
import { Notices } from '../notices';
import { Certificates, PreparedCertificate } from '../pki';
import { assertStationFor, StationFacts } from './domain/station-rule';
import { BulkOnboardDto, BulkOnboardResultDto } from './dto/vpn-bulk.dto';
import { OpenVpnProfileService } from './openvpn-profile.service';
import { GatePass, VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { newVpnAccount, VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewaysService } from './vpn-gateways.service';
import { VpnSettings } from './vpn-settings';
import { VpnManagerApprovals } from './vpn-manager-approvals.service';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

interface Problem {
  index: number;
  employeeId: string;
  code: string;
  message: string;
}

interface Checked {
  index: number;
  accountId: string;
  employeeId: string;
  username: string;
  profile: string;
  station: StationFacts;
  prepared: PreparedCertificate;
}

function problemOf(index: number, employeeId: string, err: unknown): Problem {
  if (err instanceof DomainError) return { index, employeeId, code: err.code, message: err.message };
  throw err;
}

/**
 * Onboarding many VPN users in one request (the 2020 emergency: hundreds of laptops handed over with their
 * profiles installed by the technicians). For each item: the same rules as the one-by-one path — gate, laptop
 * held by the employee, CSR (RSA ≥ 2048, CN = username), one open account per employee and profile, placement
 * by expected load — but the certificates are prepared in parallel before the unit and everything is recorded
 * in one unit. All or nothing: any refused item refuses the batch, naming every problem, and writes nothing but
 * the audit entry of the refusal. Batches of up to 200 (the JSON body limit; the hot-line sends 100 at a time).
 */
@Injectable()
export class VpnBulkOnboardingService {
  constructor(
    private readonly employees: EmployeeDirectory,
    private readonly stations: StationAssets,
    private readonly pki: Certificates,
    private readonly accounts: VpnAccountRepository,
    private readonly steps: VpnAccountSteps,
    private readonly placement: VpnGatewaysService,
    private readonly profiles: OpenVpnProfileService,
    private readonly settings: VpnSettings,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly notices: Notices,
    private readonly outbox: Outbox,
    private readonly managerApprovals: VpnManagerApprovals,
  ) {}

  async onboard(actor: Actor, dto: BulkOnboardDto): Promise<BulkOnboardResultDto> {
    const activate = dto.activate === true;
    const problems: Problem[] = [];
    const seen = new Set<string>();
    // one read of the batch's employees and one of its laptops, not one of each per item
    const people = await this.employees.findByIds(dto.items.map((i) => i.employeeId));
    const laptops = await this.stations.findByIds(dto.items.map((i) => i.stationAssetId));
    const checks = await Promise.all(
      dto.items.map(async (item, index): Promise<Checked | null> => {
        try {
          if (!this.settings.profile(item.profile)) throw new DomainError('validation', 'UNKNOWN_VPN_PROFILE', `Unknown VPN profile ${item.profile}`);
          // A batch creates accounts already approved: with the manager's step on (VPN_MANAGER_APPROVAL), each request
          // goes the one-by-one way, through the manager of the employee's service.
          if (this.managerApprovals.enabled)
            throw new RuleViolation('MANAGER_APPROVAL_PENDING', "With VPN_MANAGER_APPROVAL on, each request needs the manager's approval first");
          const key = `${item.employeeId}/${item.profile}`;
          if (seen.has(key)) throw new RuleViolation('DUPLICATE_IN_BATCH', 'The same employee and profile appear twice in the batch');
          seen.add(key);
          const employee = people.get(item.employeeId);
          if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${item.employeeId} does not exist`);
          if (!employee.username || !USERNAME.test(employee.username))
            throw new RuleViolation('EMPLOYEE_HAS_NO_USERNAME', 'The employee has no usable directory username');
          const station = assertStationFor(employee.id, laptops.get(item.stationAssetId) ?? null, item.stationAssetId);
          const accountId = randomUUID();
          const prepared = await this.pki.prepareStation({
            csrPem: item.csrPem,
            username: employee.username,
            assetTag: station.assetTag,
            stationAssetId: station.id,
            employeeId: employee.id,
            vpnAccountId: accountId,
          });
          return { index, accountId, employeeId: employee.id, username: employee.username, profile: item.profile, station, prepared };
        } catch (err) {
          problems.push(problemOf(index, item.employeeId, err));
          return null;
        }
      }),
    );
    if (problems.length) return this.refuse(actor, dto, problems);
    const items = checks as Checked[];

    let recorded: { rows: VpnAccountEntity[]; gatewayNames: Map<string, string> };
    try {
      recorded = await this.uow.run(async (tx) => {
        const open = new Set(
          (
            await this.accounts.openFor(
              tx,
              items.map((i) => i.employeeId),
            )
          ).map((o) => `${o.employeeId}/${o.profile}`),
        );
        // the laptops and the gate again inside the unit (a laptop returned meanwhile), a few reads for the batch
        const held = await this.stations.findByIds(
          items.map((i) => i.station.id),
          tx,
        );
        const passes = await this.steps.passGateMany(
          tx,
          items.map((i) => i.employeeId),
        );
        const gates: (GatePass | null)[] = [];
        for (const item of items) {
          try {
            if (open.has(`${item.employeeId}/${item.profile}`))
              throw new Conflict('VPN_ACCOUNT_EXISTS', 'The employee already has an open VPN account for this profile');
            assertStationFor(item.employeeId, held.get(item.station.id) ?? null, item.station.id);
            const pass = passes.get(item.employeeId);
            if (pass instanceof DomainError) throw pass;
            gates.push(pass!);
          } catch (err) {
            problems.push(problemOf(item.index, item.employeeId, err));
            gates.push(null);
          }
        }
        if (problems.length) throw new BulkRefused();

        const gatewayOf = new Map<number, { id: string; name: string }>();
        for (const profile of new Set(items.map((i) => i.profile))) {
          const mine = items.map((item, n) => ({ item, n })).filter((x) => x.item.profile === profile);
          const placed = await this.placement.placeMany(
            tx,
            profile,
            mine.map((x) => gates[x.n]!.remoteDaysPerWeek ?? 0),
          );
          mine.forEach((x, k) => gatewayOf.set(x.n, placed[k]));
        }
        const now = this.clock.nowIso();
        const rows = items.map((item, n) =>
          newVpnAccount({ id: item.accountId, employeeId: item.employeeId, username: item.username, profile: item.profile, createdBy: actor.id }, now, {
            gatewayId: gatewayOf.get(n)!.id,
            state: activate ? 'active' : 'issued',
            remoteDaysPerWeek: gates[n]!.remoteDaysPerWeek,
            agreementId: gates[n]!.agreementId,
            stationAssetId: item.station.id,
            stationAssetTag: item.station.assetTag,
            currentSerial: item.prepared.serial,
            certificateNotAfter: item.prepared.notAfter,
            keyOrigin: item.prepared.keyOrigin,
            approvedAt: now,
            issuedAt: now,
            installedAt: activate ? now : null,
            activatedAt: activate ? now : null,
          }),
        );
        // audit first: the lock order of every unit (see VpnAccountSteps.claim)
        await this.steps.recordMany(
          tx,
          actor,
          'onboarded',
          rows.map((row, n) => ({
            account: row,
            summary: {
              gateway: gatewayOf.get(n)!.name,
              serial: row.currentSerial,
              stationAssetTag: row.stationAssetTag,
              agreementId: row.agreementId,
              bulk: true,
            },
          })),
        );
        await this.accounts.insertMany(tx, rows);
        await this.pki.recordMany(
          tx,
          items.map((i) => i.prepared),
          actor,
        );
        // One job for the batch's VPN-group writes: one directory modify for all, not one round trip a person.
        if (activate && rows.length) {
          await this.outbox.record(
            tx,
            'vpn.group-add-many',
            { employeeIds: rows.map((r) => r.employeeId), accountIds: rows.map((r) => r.id) },
            { jobId: `vpn-group-add-many-${rows[0].id}-n${rows.length}` },
          );
        }
        for (const row of rows) {
          await this.notices.record(tx, {
            kind: 'vpn-profile-ready',
            key: `${row.id}-${row.currentSerial}`,
            employeeId: row.employeeId,
            facts: { profile: row.profile, notAfter: row.certificateNotAfter },
          });
        }
        return { rows, gatewayNames: new Map([...gatewayOf.entries()].map(([n, g]) => [rows[n].id, g.name])) };
      });
    } catch (err) {
      if (err instanceof BulkRefused) return this.refuse(actor, dto, problems);
      throw err;
    }

    const gateways = new Map(dto.includeProfiles ? (await this.placement.list()).map((g) => [g.id, g]) : []);
    return {
      count: recorded.rows.length,
      items: recorded.rows.map((row, n) => {
        const prepared = items[n].prepared;
        const out = {
          index: items[n].index,
          accountId: row.id,
          employeeId: row.employeeId,
          username: row.username,
          state: row.state,
          gateway: recorded.gatewayNames.get(row.id)!,
          serial: prepared.serial,
          notAfter: prepared.notAfter,
        };
        if (!dto.includeProfiles) return out;
        const g = gateways.get(row.gatewayId!)!;
        const file = this.profiles.render(
          row,
          g,
          { serial: prepared.serial, notAfter: prepared.notAfter, certificatePem: prepared.certificatePem },
          prepared.caChainPem,
        );
        return { ...out, openvpnProfile: file.text };
      }),
    };
  }

  private async refuse(actor: Actor, dto: BulkOnboardDto, problems: Problem[]): Promise<never> {
    problems.sort((a, b) => a.index - b.index);
    await this.audit.recordAlone(actor, {
      action: 'vpn.account.bulk-onboard-refused',
      entityType: 'vpn-bulk-onboarding',
      entityId: `${dto.items.length}-items`,
      summary: { items: dto.items.length, problems: problems.slice(0, 50).map((p) => ({ index: p.index, employeeId: p.employeeId, code: p.code })) },
    });
    throw new RuleViolation('BULK_ONBOARDING_REFUSED', `${problems.length} of ${dto.items.length} items cannot be onboarded; nothing was written`, {
      problems,
    });
  }
}

/** Rolls the bulk unit back; the problems are already collected. */
class BulkRefused extends Error {}
