import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { parseSerial } from '../pki';
import { groupChange } from './domain/account-lifecycle';
import { ConnectFacts, ConnectRefusal, decideConnect } from './domain/connect-decision';
import { assertOwnGateway } from './gateway-access';
import { GatewayConnectFacts } from './gateway-connect-facts';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';
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
/** a gateway's pass is taken again this long after its last one, while the decisions it filed still hold */
const PASS_EVERY_MS = 40_000;
const MEMO_MAX = 20_000;
/**
 * accounts a pass reads at a time, yielding to the checks that arrive in between: read whole (680 accounts with
 * failover) a gateway's refresh every PASS_EVERY_MS held the event loop long enough to make the storm's slowest
 * checks (21–42 ms, all ~35 s into it, where the refresh falls); in pages of 50 they are 11–17 ms but for a rare
 * outlier (scripts/bench/gateway-check.ts prints the slowest and when they were sent)
 */
const PASS_PAGE = 50;

/**
 * The connect-time check a gateway's `client-connect` hook asks (SPEC "Gateways enforce"): the decision is
 * `decideConnect`'s, on facts read now. An allowed first connection of an `installed` account confirms the
 * installation: the account becomes `active`, once, audited as the gateway. Nothing else about the connection is
 * stored or logged (Statuto dei lavoratori art. 4): not the time, not the address, not the refusal.
 */
@Injectable()
export class GatewayConnectCheck {
  private readonly logger = new Logger(GatewayConnectCheck.name);
  /**
   * Decisions by gateway and serial, valid for one audit head and one municipal day. Every change the service
   * makes (a suspension, a withdrawal, a returned or stolen laptop, a deactivation, a revocation, an activation)
   * appends an audit event in its own transaction, so while the head has not moved none of the facts has; the day
   * is in the key because "an agreement in force today" changes at midnight; `until` covers what time alone ends
   * (the certificate's validity, a replaced certificate's grace). The head is read BEFORE the facts: a change
   * committed in between moves the head past the one the decision is filed under, and the next check takes it again.
   *
   * The 8:30 storm is hundreds of different laptops, each asked once: so the first check of a gateway under a head
   * and day (and again every PASS_EVERY_MS, before its decisions reach their minute) starts one pass in the
   * background that decides every account of that gateway at once — the allow-list's candidates and facts, read in
   * bulk where the features allow it — and files them under the head that check read before. A check that finds
   * nothing decides its own serial meanwhile; the others cost one primary-key read (the head).
   */
  private memo = new Map<string, Remembered>();
  private memoHead = '';
  private memoDay = '';
  /** when each gateway's last pass was started under the current head and day */
  private passes = new Map<string, number>();
  /** the passes, one after another (each reads sequentially: side by side they would only queue on the database) */
  private passQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly facts: GatewayConnectFacts,
    private readonly gateways: VpnGatewayRepository,
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
      this.passes = new Map();
      this.memoHead = head;
      this.memoDay = day;
    }
    const key = `${gatewayId} ${serial}`;
    const now = this.clock.now().getTime();
    this.passIfDue(gatewayId, head, day, now);
    let remembered = this.memo.get(key);
    if (!remembered || remembered.until <= now) {
      remembered = await this.decide(gatewayId, serial, now);
      if (this.current(head, day) && this.memo.size < MEMO_MAX) this.memo.set(key, remembered);
    }
    if (remembered.activate) await this.activate(actor, remembered.activate, gatewayId);
    return remembered.answer;
  }

  /** Resolves when the passes started so far have ended (tests, the benchmark's reading of it). */
  passesSettled(): Promise<void> {
    return this.passQueue;
  }

  private current(head: string, day: string): boolean {
    return this.memoHead === head && this.memoDay === day;
  }

  private async decide(gatewayId: string, serial: string, now: number): Promise<Remembered> {
    const found = await this.facts.forSerial(gatewayId, serial);
    if (!found) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
    const { gateway, facts, account } = found;
    const allowed = decideConnect(facts).allowed && account;
    // what the gateway asking serves: a gateway that takes an account over (failover) pushes its own networks
    return this.remember(facts, account, allowed ? await this.directives.forLoaded(account, gateway) : [], now);
  }

  private remember(facts: ConnectFacts, account: VpnAccountEntity | null, directives: string[], now: number): Remembered {
    const decision = decideConnect(facts);
    const ends = [now + MEMO_MS, facts.certificate ? Date.parse(facts.certificate.notAfter) : NaN];
    if (facts.account?.supersededSerial === facts.serial && facts.account.supersedeAfter) ends.push(Date.parse(facts.account.supersedeAfter));
    const until = Math.min(...ends.filter((t) => Number.isFinite(t)));
    if (!decision.allowed || !account) return { answer: { decision: 'deny', reason: decision.reason, directives: [] }, activate: null, until };
    return { answer: { decision: 'allow', reason: null, directives }, activate: account.state === 'installed' ? account.id : null, until };
  }

  private passIfDue(gatewayId: string, head: string, day: string, now: number): void {
    const last = this.passes.get(gatewayId);
    if (last !== undefined && now - last < PASS_EVERY_MS) return;
    this.passes.set(gatewayId, now);
    this.passQueue = this.passQueue.then(() =>
      this.pass(gatewayId, head, day).catch((err: unknown) => this.logger.warn({ err }, 'could not decide the accounts of a gateway ahead')),
    );
  }

  /**
   * Every account of the gateway decided on facts read after `head` (read by the check that started the pass), filed
   * under it while it is still the head: the same facts a check of each serial would read (a serial is filed only
   * with the account its certificate was issued for), the same decision, the same directives. It writes nothing: an
   * account allowed without an address yet is left to its first check, which allocates it.
   */
  private async pass(gatewayId: string, head: string, day: string): Promise<void> {
    if (!this.current(head, day)) return;
    const now = this.clock.now().getTime();
    const gateway = await this.gateways.findById(gatewayId);
    if (!gateway) return;
    for await (const page of this.facts.forGatewayInPages(gateway, PASS_PAGE)) {
      if (!this.current(head, day)) return;
      const decided = page.filter(({ facts }) => facts.account !== null);
      const allowed = decided.filter(({ facts }) => decideConnect(facts).allowed).map(({ account }) => account);
      const directives = await this.directives.forMany([...new Map(allowed.map((a) => [a.id, a])).values()], gateway, { allocate: false });
      for (const { facts, account } of decided) {
        if (!this.current(head, day) || this.memo.size >= MEMO_MAX) return;
        const pushed = directives.get(account.id);
        if (decideConnect(facts).allowed && !pushed) continue;
        this.memo.set(`${gatewayId} ${facts.serial}`, this.remember(facts, account, pushed ?? [], now));
      }
      // let the checks that arrived meanwhile run before the next page
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
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
