import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { groupedByEmployee } from '../database/by-employee';
import { Tx } from '../database/unit-of-work';
import { AccountState, OPEN_STATES } from './domain/account-lifecycle';
import { VpnAccountEntity } from './vpn-account.entity';

export interface AccountFilter {
  state?: AccountState;
  gatewayId?: string;
  employeeId?: string;
  profile?: string;
}

export interface AccountCursor {
  createdAt: string;
  id: string;
}

export interface LoadRow {
  gatewayId: string;
  state: AccountState;
  remoteDaysPerWeek: number;
  accounts: number;
}

/** Changes a transition may make, besides state and version (which `transition` always sets). */
export type AccountChanges = Partial<Omit<VpnAccountEntity, 'id' | 'employeeId' | 'version' | 'createdAt' | 'createdBy'>>;

/** The only code that builds queries on vpn_accounts (certificate status comes from the PKI's port). */
@Injectable()
export class VpnAccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async insertMany(tx: Tx, rows: VpnAccountEntity[]): Promise<void> {
    // 38 columns a row: 25 rows stay under SQLite's 999 bound parameters.
    for (let i = 0; i < rows.length; i += 25) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(VpnAccountEntity)
        .values(rows.slice(i, i + 25))
        .updateEntity(false)
        .execute();
    }
  }

  findById(id: string, tx?: Tx): Promise<VpnAccountEntity | null> {
    return this.manager(tx).getRepository(VpnAccountEntity).findOne({ where: { id } });
  }

  /**
   * The accounts a gateway may let in, for its signed allow-list: of these states, of its profile, and — unless it
   * takes other gateways' accounts over (an enabled gateway of the profile: failover) — placed on it.
   */
  async forGatewayAllowList(
    gateway: { id: string; profile: string; enabled: boolean },
    states: readonly AccountState[],
    page?: { after: string | null; limit: number },
  ): Promise<VpnAccountEntity[]> {
    const qb = this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .where('a.profile = :profile AND a.state IN (:...states)', { profile: gateway.profile, states: [...states] });
    if (!gateway.enabled) qb.andWhere('a.gateway_id = :gatewayId', { gatewayId: gateway.id });
    if (page?.after) qb.andWhere('a.id > :after', { after: page.after });
    qb.orderBy('a.id', 'ASC');
    if (page) qb.limit(page.limit);
    return qb.getMany();
  }

  /** The open (not revoked) account of an employee for a profile, if any. */
  async findOpen(employeeId: string, profile: string, tx?: Tx): Promise<VpnAccountEntity | null> {
    return this.manager(tx)
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .where('a.employee_id = :employeeId AND a.profile = :profile', { employeeId, profile })
      .andWhere("a.state <> 'revoked'")
      .getOne();
  }

  /** Open accounts of these employees (bulk onboarding checks a batch in one query). */
  async openFor(tx: Tx, employeeIds: string[]): Promise<{ employeeId: string; profile: string }[]> {
    if (employeeIds.length === 0) return [];
    return tx.manager
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .select(['a.employeeId', 'a.profile'])
      .where('a.employee_id IN (:...employeeIds)', { employeeIds })
      .andWhere("a.state <> 'revoked'")
      .getMany();
  }

  async forEmployee(employeeId: string, tx?: Tx): Promise<VpnAccountEntity[]> {
    return this.manager(tx)
      .getRepository(VpnAccountEntity)
      .find({ where: { employeeId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Whether one of the employee's accounts is active: the rule for directory VPN-group membership. */
  async hasActive(employeeId: string, tx?: Tx): Promise<boolean> {
    return (await this.withActive([employeeId], tx)).has(employeeId);
  }

  /** Of these employees, the ones holding an active account: one query per 500. */
  async withActive(employeeIds: string[], tx?: Tx): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < employeeIds.length; i += 500) {
      const part = employeeIds.slice(i, i + 500);
      if (part.length === 0) continue;
      const rows = await this.manager(tx)
        .getRepository(VpnAccountEntity)
        .createQueryBuilder('a')
        .select('DISTINCT a.employee_id', 'employeeId')
        .where('a.state = :state AND a.employee_id IN (:...part)', { state: 'active', part })
        .getRawMany<{ employeeId: string }>();
      for (const r of rows) found.add(r.employeeId);
    }
    return found;
  }

  /**
   * Conditional update: applies only if the row still has the version (and a state among `from`) the caller read.
   * On PostgreSQL the UPDATE also takes the row lock, so it comes first in every unit (lock order: account row →
   * audit head → certificate → CRL counters, the PKI's own order after the first).
   */
  async transition(
    tx: Tx,
    id: string,
    version: number,
    from: readonly AccountState[],
    to: AccountState,
    changes: AccountChanges,
    updatedAt: string,
  ): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(VpnAccountEntity)
      .set({ ...changes, state: to, updatedAt, version: version + 1 })
      .where('id = :id AND version = :version AND state IN (:...from)', { id, version, from: [...from] })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Keyset page, newest first. */
  async list(filter: AccountFilter, limit: number, after?: AccountCursor): Promise<VpnAccountEntity[]> {
    const qb = this.dataSource.getRepository(VpnAccountEntity).createQueryBuilder('a');
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (filter.gatewayId) qb.andWhere('a.gateway_id = :gatewayId', { gatewayId: filter.gatewayId });
    if (filter.employeeId) qb.andWhere('a.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.profile) qb.andWhere('a.profile = :profile', { profile: filter.profile });
    if (after) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('a.created_at < :ca', { ca: after.createdAt }).orWhere('a.created_at = :ca AND a.id < :cid', { cid: after.id });
        }),
      );
    }
    return qb.orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }

  /** Each of these employees' accounts, newest first as `list` orders them, in one query per 500. */
  forEmployees(employeeIds: string[]): Promise<Map<string, VpnAccountEntity[]>> {
    return groupedByEmployee(employeeIds, (part) =>
      this.dataSource
        .getRepository(VpnAccountEntity)
        .createQueryBuilder('a')
        .where('a.employee_id IN (:...part)', { part })
        .orderBy('a.created_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .getMany(),
    );
  }

  /** Σ remote days per gateway of a profile, over accounts in `states` (placement). */
  async placedRemoteDays(tx: Tx, profile: string, states: readonly AccountState[]): Promise<Map<string, number>> {
    const rows = await tx.manager
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .select('a.gateway_id', 'gatewayId')
      .addSelect('COALESCE(SUM(a.remote_days_per_week), 0)', 'days')
      .where('a.profile = :profile AND a.gateway_id IS NOT NULL', { profile })
      .andWhere('a.state IN (:...states)', { states: [...states] })
      .groupBy('a.gateway_id')
      .getRawMany<{ gatewayId: string; days: string | number }>();
    return new Map(rows.map((r) => [r.gatewayId, Number(r.days)]));
  }

  /** Accounts per gateway, state and remote days: everything the load report needs, in one aggregate. */
  /** Every account by state (the present: account states keep no history). */
  async countByState(): Promise<{ state: AccountState; count: number }[]> {
    const rows = await this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .select('a.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .groupBy('a.state')
      .getRawMany<{ state: AccountState; n: string | number }>();
    return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
  }

  async loadRows(): Promise<LoadRow[]> {
    const rows = await this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .select('a.gateway_id', 'gatewayId')
      .addSelect('a.state', 'state')
      .addSelect('COALESCE(a.remote_days_per_week, 0)', 'days')
      .addSelect('COUNT(*)', 'n')
      .where('a.gateway_id IS NOT NULL')
      .groupBy('a.gateway_id')
      .addGroupBy('a.state')
      .addGroupBy('COALESCE(a.remote_days_per_week, 0)')
      .getRawMany<{ gatewayId: string; state: AccountState; days: string | number; n: string | number }>();
    return rows.map((r) => ({ gatewayId: r.gatewayId, state: r.state, remoteDaysPerWeek: Number(r.days), accounts: Number(r.n) }));
  }

  async countOnGateway(gatewayId: string, tx?: Tx): Promise<number> {
    return this.manager(tx)
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .where('a.gateway_id = :gatewayId', { gatewayId })
      .andWhere('a.state IN (:...open)', { open: [...OPEN_STATES] })
      .getCount();
  }

  /** Accounts in use whose certificate expires by `horizon` and that are not already waiting out a renewal. */
  async dueForRenewal(states: readonly AccountState[], horizon: string, limit: number): Promise<VpnAccountEntity[]> {
    return this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .where('a.state IN (:...states)', { states: [...states] })
      .andWhere('a.certificate_not_after IS NOT NULL AND a.certificate_not_after <= :horizon', { horizon })
      .andWhere('a.superseded_serial IS NULL')
      .orderBy('a.certificate_not_after', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async dueForSupersede(now: string, limit: number): Promise<VpnAccountEntity[]> {
    return this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .where('a.superseded_serial IS NOT NULL AND a.supersede_after <= :now', { now })
      .orderBy('a.supersede_after', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * A keyset page (by id) of the accounts in `states` that hold a certificate: the reconciler asks the PKI for
   * the status of a page's serials in one lookup (the PKI's table is its own).
   */
  async holdingCertificate(states: readonly AccountState[], limit: number, afterId?: string): Promise<{ id: string; serial: string }[]> {
    const qb = this.dataSource
      .getRepository(VpnAccountEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .addSelect('a.current_serial', 'serial')
      .where('a.state IN (:...states)', { states: [...states] })
      .andWhere('a.current_serial IS NOT NULL');
    if (afterId) qb.andWhere('a.id > :afterId', { afterId });
    return qb.orderBy('a.id', 'ASC').limit(limit).getRawMany<{ id: string; serial: string }>();
  }
}
