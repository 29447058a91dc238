import { Injectable } from '@nestjs/common';
import { GateDecision, ProvisioningGate } from '../agreements';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, NotFound, RuleViolation } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { Certificates } from '../pki';
import { AgreementTerms } from '../agreements';
import { AccountState } from './domain/account-lifecycle';
import { AccountChanges, VpnAccountRepository } from './vpn-account.repository';
import { VpnAccountEntity } from './vpn-account.entity';
import './vpn-jobs';

/** An audit event of an account change: `vpn.account.<action>`. */
export interface AuditNote {
  actor: Actor;
  action: string;
  summary?: Record<string, unknown>;
}

export interface GatePass {
  agreementId: string | null;
  remoteDaysPerWeek: number | null;
  date: string;
}

function gateRefused(decision: GateDecision): RuleViolation {
  return new RuleViolation('GATE_REFUSED', `The employee does not pass the provisioning gate: ${decision.refusals.join(', ')}`, {
    employeeId: decision.employeeId,
    date: decision.date,
    refusals: decision.refusals,
  });
}

/** Refusals worth an audit entry: business rules, state conflicts and refused certificate requests. */
function isAuditedRefusal(err: unknown): err is DomainError {
  return err instanceof DomainError && (err.kind === 'rule' || err.kind === 'conflict' || err.code.startsWith('CSR_'));
}

/**
 * The pieces every account change is made of, in the order they run inside a unit: claim the transition with a
 * conditional update (first, so the account row is the first lock taken), pass the gate, record the directory
 * group job and the audit event. A refused change rolls the unit back and leaves only its audit entry.
 */
@Injectable()
export class VpnAccountSteps {
  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly gate: ProvisioningGate,
    private readonly terms: AgreementTerms,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly pki: Certificates,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` in a unit; a refusal (rule, conflict, CSR) is audited alone after the rollback, then rethrown. */
  unit<T>(actor: Actor, action: string, entityId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.refusing(actor, action, entityId, () => this.uow.run(work));
  }

  /** Runs `fn` (checks, preparation and a unit); a refusal is audited alone, then rethrown. */
  async refusing<T>(actor: Actor, action: string, entityId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isAuditedRefusal(err)) {
        await this.audit.recordAlone(actor, {
          action: `vpn.account.${action}-refused`,
          entityType: 'vpn-account',
          entityId,
          summary: { code: err.code, ...(err.details?.refusals ? { refusals: err.details.refusals } : {}) },
        });
      }
      throw err;
    }
  }

  async load(id: string, tx?: Tx): Promise<VpnAccountEntity> {
    const account = await this.accounts.findById(id, tx);
    if (!account) throw NotFound.entity('VPN_ACCOUNT_NOT_FOUND', 'vpn account', id);
    return { ...account, version: Number(account.version), remoteDaysPerWeek: account.remoteDaysPerWeek === null ? null : Number(account.remoteDaysPerWeek) };
  }

  /** The certificate's status as the PKI records it (valid, on_hold, revoked), or null for an unknown serial. */
  async certificateStatus(serial: string): Promise<string | null> {
    return (await this.pki.status(serial))?.status ?? null;
  }

  /**
   * Records the change's audit event(s), then applies it with a conditional update from the version read; 409
   * VPN_ACCOUNT_CHANGED (rolling the unit back, audit included) when someone else changed the account first.
   * Audit first on purpose: every writing unit takes the audit head lock, so taking it before the account row
   * gives all units one lock order — audit head → account row → certificate row → CRL counters (the PKI's
   * order, and the offboarding unit's, whose earlier steps have audited already) — and PostgreSQL never has to
   * break a deadlock between a hot-line request and a job.
   */
  async claim(
    tx: Tx,
    current: VpnAccountEntity,
    from: readonly AccountState[],
    to: AccountState,
    changes: AccountChanges,
    audit: AuditNote | AuditNote[],
  ): Promise<VpnAccountEntity> {
    const now = this.clock.nowIso();
    const next: VpnAccountEntity = { ...current, ...changes, state: to, updatedAt: now, version: current.version + 1 };
    for (const note of Array.isArray(audit) ? audit : [audit]) await this.record(tx, note.actor, note.action, next, note.summary);
    if (!(await this.accounts.transition(tx, current.id, current.version, from, to, changes, now))) {
      throw new Conflict('VPN_ACCOUNT_CHANGED', 'The VPN account changed meanwhile (another operator?); look at it again', { id: current.id });
    }
    return next;
  }

  /** The provisioning gate, inside the unit. 422 GATE_REFUSED with every refusal code. */
  async passGate(tx: Tx, employeeId: string): Promise<GatePass> {
    const decision = await this.gate.check(employeeId, tx);
    if (!decision.allowed) throw gateRefused(decision);
    return { agreementId: decision.agreementId, remoteDaysPerWeek: await this.terms.remoteDaysPerWeek(tx, decision.agreementId), date: decision.date };
  }

  /**
   * The gate for many employees inside the unit, in a handful of reads whatever their number (bulk onboarding):
   * each employee's pass, or the error `passGate` would have thrown (EMPLOYEE_NOT_FOUND, GATE_REFUSED).
   */
  async passGateMany(tx: Tx, employeeIds: string[]): Promise<Map<string, GatePass | DomainError>> {
    const decisions = await this.gate.checkMany(employeeIds, tx);
    const days = await this.terms.remoteDaysPerWeekOf(
      tx,
      [...decisions.values()].filter((d) => d.allowed && d.agreementId).map((d) => d.agreementId as string),
    );
    const out = new Map<string, GatePass | DomainError>();
    for (const id of employeeIds) {
      const decision = decisions.get(id);
      if (!decision) out.set(id, NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', id));
      else if (!decision.allowed) out.set(id, gateRefused(decision));
      else
        out.set(id, {
          agreementId: decision.agreementId,
          remoteDaysPerWeek: decision.agreementId ? (days.get(decision.agreementId) ?? null) : null,
          date: decision.date,
        });
    }
    return out;
  }

  /** Directory VPN-group membership through the outbox (idempotent handlers, retried while LDAP is down). */
  async groupJob(tx: Tx, account: Pick<VpnAccountEntity, 'id' | 'employeeId' | 'version'>, change: 'add' | 'remove' | null): Promise<void> {
    if (!change) return;
    const jobId = `vpn-group-${change}-${account.id}-v${account.version}`;
    if (change === 'add') await this.outbox.record(tx, 'vpn.group-add', { employeeId: account.employeeId, accountId: account.id }, { jobId });
    else await this.outbox.record(tx, 'vpn.group-remove', { employeeId: account.employeeId, accountId: account.id }, { jobId });
  }

  async record(tx: Tx, actor: Actor, action: string, account: VpnAccountEntity, summary: Record<string, unknown> = {}): Promise<void> {
    await this.audit.record(tx, actor, auditEntry(action, account, summary));
  }

  /** One event per account of a bulk change, appended to the chain together (one head lock, chunked inserts). */
  async recordMany(tx: Tx, actor: Actor, action: string, changes: { account: VpnAccountEntity; summary: Record<string, unknown> }[]): Promise<void> {
    await this.audit.recordMany(
      tx,
      actor,
      changes.map((c) => auditEntry(action, c.account, c.summary)),
    );
  }
}

function auditEntry(action: string, account: VpnAccountEntity, summary: Record<string, unknown>) {
  return {
    action: `vpn.account.${action}`,
    entityType: 'vpn-account',
    entityId: account.id,
    summary: { employeeId: account.employeeId, username: account.username, profile: account.profile, state: account.state, ...summary },
  };
}
