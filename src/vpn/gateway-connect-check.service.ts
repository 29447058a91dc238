import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { parseSerial } from '../pki';
import { groupChange } from './domain/account-lifecycle';
import { ConnectRefusal, decideConnect } from './domain/connect-decision';
import { assertOwnGateway } from './gateway-access';
import { GatewayConnectFacts } from './gateway-connect-facts';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnClientDirectives } from './vpn-client-directives.service';

export interface ConnectCheckAnswer {
  decision: 'allow' | 'deny';
  reason: ConnectRefusal | null;
  directives: string[];
}

/** A decision remembered while nothing it rests on can have changed (see `GatewayConnectCheck.check`). */
interface Remembered {
  answer: ConnectCheckAnswer;
  /** the account to activate when the answer allows an `installed` account */
  activate: string | null;
  /** epoch ms after which the decision is taken again: a minute, or sooner when the certificate or its grace ends */
  until: number;
}

const MEMO_MS = 60_000;
const MEMO_MAX = 20_000;

/**
 * The connect-time check a gateway's `client-connect` hook asks (SPEC "Gateways enforce"): the decision is
 * `decideConnect`'s, on facts read now. An allowed first connection of an `installed` account confirms the
 * installation: the account becomes `active`, once, audited as the gateway. Nothing else about the connection is
 * stored or logged (Statuto dei lavoratori art. 4): not the time, not the address, not the refusal.
 */
@Injectable()
export class GatewayConnectCheck {
  /**
   * Decisions by gateway and serial, valid for one audit head and one municipal day. Every change the service
   * makes (a suspension, a withdrawal, a returned or stolen laptop, a deactivation, a revocation, an activation)
   * appends an audit event in its own transaction, so while the head has not moved none of the facts has; the day
   * is in the key because "an agreement in force today" changes at midnight; `until` covers what time alone ends
   * (the certificate's validity, a replaced certificate's grace). The head is read BEFORE the facts: a change
   * committed in between moves the head past the one the decision is filed under, and the next check takes it again.
   * The 8:30 storm then costs one primary-key read per check (the head) instead of a dozen.
   */
  private memo = new Map<string, Remembered>();
  private memoHead = '';
  private memoDay = '';

  constructor(
    private readonly facts: GatewayConnectFacts,
    private readonly directives: VpnClientDirectives,
    private readonly steps: VpnAccountSteps,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async check(actor: Actor, gatewayId: string, serialInput: string): Promise<ConnectCheckAnswer> {
    assertOwnGateway(actor, gatewayId);
    const serial = parseSerial(serialInput);
    const head = await this.audit.headMark();
    const day = municipalToday(this.clock, this.config);
    if (head !== this.memoHead || day !== this.memoDay) {
      this.memo = new Map();
      this.memoHead = head;
      this.memoDay = day;
    }
    const key = `${gatewayId} ${serial}`;
    const now = this.clock.now().getTime();
    let remembered = this.memo.get(key);
    if (!remembered || remembered.until <= now) {
      remembered = await this.decide(gatewayId, serial, now);
      if (this.memoHead === head && this.memo.size < MEMO_MAX) this.memo.set(key, remembered);
    }
    if (remembered.activate) await this.activate(actor, remembered.activate, gatewayId);
    return remembered.answer;
  }

  private async decide(gatewayId: string, serial: string, now: number): Promise<Remembered> {
    const found = await this.facts.forSerial(gatewayId, serial);
    if (!found) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
    const { gateway, facts, account } = found;
    const decision = decideConnect(facts);
    const ends = [now + MEMO_MS, facts.certificate ? Date.parse(facts.certificate.notAfter) : NaN];
    if (facts.account?.supersededSerial === serial && facts.account.supersedeAfter) ends.push(Date.parse(facts.account.supersedeAfter));
    const until = Math.min(...ends.filter((t) => Number.isFinite(t)));
    if (!decision.allowed || !account) return { answer: { decision: 'deny', reason: decision.reason, directives: [] }, activate: null, until };
    // what the gateway asking serves: a gateway that takes an account over (failover) pushes its own networks
    const directives = await this.directives.forAccount(account.id, undefined, gateway.id);
    return { answer: { decision: 'allow', reason: null, directives }, activate: account.state === 'installed' ? account.id : null, until };
  }

  /**
   * installed → active by the first allowed connection, with the conditional update every account change makes:
   * of two gateways racing (two laptops? a reconnect through the failover gateway), one activates and records it;
   * the other finds the account changed and leaves it — its connection is allowed all the same.
   */
  private async activate(actor: Actor, accountId: string, gatewayId: string): Promise<void> {
    try {
      await this.uow.run(async (tx) => {
        const current = await this.steps.load(accountId, tx);
        if (current.state !== 'installed') return;
        const next = await this.steps.claim(
          tx,
          current,
          ['installed'],
          'active',
          { activatedAt: this.clock.nowIso() },
          { actor, action: 'activated', summary: { by: 'first-connection', gatewayId } },
        );
        await this.steps.groupJob(tx, next, groupChange('installed', 'active'));
      });
    } catch (err) {
      if (err instanceof Conflict && err.code === 'VPN_ACCOUNT_CHANGED') return;
      throw err;
    }
  }
}
