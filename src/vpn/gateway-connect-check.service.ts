import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { parseSerial } from '../pki';
import { CHANGE_NOTHING } from './domain/memo-events';
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
  /** the account the decision is about (null: no account for the serial) */
  accountId: string | null;
  /** the account to activate when the answer allows an `installed` account */
  activate: string | null;
  /** epoch ms after which the decision is taken again: a minute, or sooner when the certificate or its grace ends */
  until: number;
}

const MEMO_MS = 60_000;
/** a gateway's pass is taken again this long after its last one, while the decisions it filed still hold */
const PASS_EVERY_MS = 40_000;
const MEMO_MAX = 20_000;
/** events between two heads read to narrow the memo instead of emptying it; more, and it is emptied */
const NARROW_MAX = 200;
/** the only event that narrows: it changes the one account's decisions (installed → active), no other's */
const ACTIVATED = { action: 'vpn.account.activated', entityType: 'vpn-account' };
/**
 * accounts a pass reads at a time, yielding to the checks that arrive in between: read whole (680 accounts with
 * failover) a gateway's refresh every PASS_EVERY_MS held the event loop long enough to make the storm's slowest
 * checks (21–42 ms, all ~35 s into it, where the refresh falls); in pages of 50 they are 11–17 ms but for a rare
 * outlier (scripts/bench/gateway-check.ts prints the slowest and when they were sent)
 */
const PASS_PAGE = 50;
/**
 * pause between the pages of a refresh (a gateway whose decisions are still in the memo): it has until they expire,
 * 20 s after it starts, and its queries otherwise take turns with the checks' on the database; a first pass goes as
 * fast as it can (the checks meanwhile are misses anyway)
 */
const REFRESH_PAUSE_MS = 20;

/**
 * The connect-time check a gateway's `client-connect` hook asks (SPEC "Gateways enforce"): the decision is
 * `decideConnect`'s, on facts read now. An allowed first connection of an `installed` account confirms the
 * installation: the account becomes `active`, once, audited as the gateway. Nothing else about the connection is
 * stored or logged (Statuto dei lavoratori art. 4): not the time, not the address, not the refusal.
 */
@Injectable()
export class GatewayConnectCheck implements OnModuleDestroy {
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
   *
   * At 8:30 the day's new installations connect too, and each first connection appends an activation: when the
   * head moves, the events since the memo's head are read (`AuditService.changesSince`) and, if they are all
   * activations or refusals that changed nothing (CHANGE_NOTHING), only the decisions of the activated accounts are
   * dropped; any other event, a gap, or a new day empties the memo. A decision being read or decided meanwhile (a
   * pass, a check's own) is filed only if the memo was not emptied since it began and its account was not dropped
   * since.
   */
  private memo = new Map<string, Remembered>();
  private memoHead: AuditHead | null = null;
  private memoDay = '';
  /** how many times the memo was emptied; a decision begun before the last time is not filed */
  private generation = 0;
  /** how many times the memo was narrowed, and when (that count) each account's decisions were last dropped */
  private narrowings = 0;
  private droppedAt = new Map<string, number>();
  /** first connections whose activation is being recorded, by account */
  private activating = new Map<string, Promise<void>>();
  /** moves of the memo to a new head, one after another */
  private following: Promise<void> = Promise.resolve();
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
    const head = await this.audit.head();
    const day = municipalToday(this.clock, this.config);
    if (!sameHead(head, this.memoHead) || day !== this.memoDay) await this.follow(head, day);
    const since = this.mark();
    const key = `${gatewayId} ${serial}`;
    const now = this.clock.now().getTime();
    this.passIfDue(gatewayId, now);
    let remembered = this.memo.get(key);
    if (!remembered || remembered.until <= now) {
      remembered = await this.decide(gatewayId, serial, now);
      if (this.stillHolds(since, remembered.accountId) && this.memo.size < MEMO_MAX) this.memo.set(key, remembered);
    }
    if (remembered.activate) this.activateAfter(actor, remembered.activate, gatewayId);
    return remembered.answer;
  }

  /**
   * The activation of a first connection, recorded after the answer (the connection is allowed either way): the
   * gateway does not wait for its commit, and one activation per account is in flight at a time. Lost if the
   * process stops before it commits; the account's next connection activates it then.
   */
  private activateAfter(actor: Actor, accountId: string, gatewayId: string): void {
    if (this.activating.has(accountId)) return;
    const done = this.activate(actor, accountId, gatewayId)
      .catch((err: unknown) => this.logger.warn({ err }, 'could not record the first connection of an account'))
      .finally(() => this.activating.delete(accountId));
    this.activating.set(accountId, done);
  }

  async onModuleDestroy(): Promise<void> {
    await this.activationsSettled();
  }

  /** Resolves when the activations recorded so far have committed (tests, shutdown). */
  async activationsSettled(): Promise<void> {
    await Promise.all([...this.activating.values()]);
  }

  /** Resolves when the passes started so far have ended (tests, the benchmark's reading of it). */
  passesSettled(): Promise<void> {
    return this.passQueue;
  }

  private mark(): { generation: number; narrowings: number } {
    return { generation: this.generation, narrowings: this.narrowings };
  }

  /** A decision begun at `since` may be filed: the memo was not emptied since, nor its account's decisions dropped. */
  private stillHolds(since: { generation: number; narrowings: number }, accountId: string | null): boolean {
    if (this.generation !== since.generation) return false;
    return accountId === null || (this.droppedAt.get(accountId) ?? -1) < since.narrowings;
  }

  private follow(head: AuditHead, day: string): Promise<void> {
    const move = this.following.then(() => this.moveTo(head, day));
    this.following = move.catch(() => undefined);
    return move;
  }

  /**
   * The memo moved to `head` and `day`: narrowed when every event since its head is an activation, emptied otherwise.
   * A head older than the memo's (a check that read it before another moved the memo on) leaves the memo as it is.
   */
  private async moveTo(head: AuditHead, day: string): Promise<void> {
    const from = this.memoHead;
    const sameDay = day === this.memoDay;
    if (sameDay && sameHead(head, from)) return;
    if (sameDay && from && head.seq < from.seq) return;
    // a log that cannot be read empties the memo, as any event it cannot vouch for
    const activated = sameDay && from ? await this.activationsBetween(from, head.seq).catch(() => null) : null;
    if (activated) {
      this.narrowings += 1;
      for (const id of activated) this.droppedAt.set(id, this.narrowings);
      for (const [key, r] of this.memo) if (r.accountId && activated.has(r.accountId)) this.memo.delete(key);
    } else {
      this.generation += 1;
      this.memo = new Map();
      this.passes = new Map();
      this.droppedAt = new Map();
    }
    this.memoHead = head;
    this.memoDay = day;
  }

  /** The accounts activated between the two heads (refusals aside), or null if anything else happened (or the log cannot say). */
  private async activationsBetween(from: AuditHead, to: number): Promise<Set<string> | null> {
    const changes = await this.audit.changesSince(from, to, NARROW_MAX);
    if (!changes) return null;
    const ids = new Set<string>();
    for (const c of changes) {
      if (CHANGE_NOTHING.has(c.action)) continue;
      if (c.action !== ACTIVATED.action || c.entityType !== ACTIVATED.entityType) return null;
      ids.add(c.entityId);
    }
    return ids;
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
    const accountId = account?.id ?? null;
    if (!decision.allowed || !account) return { answer: { decision: 'deny', reason: decision.reason, directives: [] }, accountId, activate: null, until };
    return { answer: { decision: 'allow', reason: null, directives }, accountId, activate: account.state === 'installed' ? account.id : null, until };
  }

  private passIfDue(gatewayId: string, now: number): void {
    const last = this.passes.get(gatewayId);
    if (last !== undefined && now - last < PASS_EVERY_MS) return;
    this.passes.set(gatewayId, now);
    const generation = this.generation;
    const refresh = last !== undefined;
    this.passQueue = this.passQueue.then(() =>
      this.pass(gatewayId, generation, refresh).catch((err: unknown) => this.logger.warn({ err }, 'could not decide the accounts of a gateway ahead')),
    );
  }

  /**
   * Every account of the gateway decided on facts read after the memo's head when the pass starts, each filed while
   * the memo has not been emptied since and that account's decisions not dropped since: the same facts a check of each serial would read (a serial is filed only
   * with the account its certificate was issued for), the same decision, the same directives. It writes nothing: an
   * account allowed without an address yet is left to its first check, which allocates it.
   */
  private async pass(gatewayId: string, queuedIn: number, refresh: boolean): Promise<void> {
    // emptied since it was asked for: the memo's next check asks for another
    if (this.generation !== queuedIn) return;
    const since = this.mark();
    const now = this.clock.now().getTime();
    const gateway = await this.gateways.findById(gatewayId);
    if (!gateway) return;
    for await (const page of this.facts.forGatewayInPages(gateway, PASS_PAGE)) {
      if (this.generation !== since.generation) return;
      const decided = page.filter(({ facts }) => facts.account !== null);
      const allowed = decided.filter(({ facts }) => decideConnect(facts).allowed).map(({ account }) => account);
      const directives = await this.directives.forMany([...new Map(allowed.map((a) => [a.id, a])).values()], gateway, { allocate: false });
      for (const { facts, account } of decided) {
        if (this.memo.size >= MEMO_MAX) return;
        if (!this.stillHolds(since, account.id)) continue;
        const pushed = directives.get(account.id);
        if (decideConnect(facts).allowed && !pushed) continue;
        this.memo.set(`${gatewayId} ${facts.serial}`, this.remember(facts, account, pushed ?? [], now));
      }
      // let the checks that arrived meanwhile run before the next page
      await new Promise<void>((resolve) => (refresh ? setTimeout(resolve, REFRESH_PAUSE_MS) : setImmediate(resolve)));
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

type AuditHead = { seq: number; hash: string };

const sameHead = (a: AuditHead, b: AuditHead | null) => b !== null && a.seq === b.seq && a.hash === b.hash;
