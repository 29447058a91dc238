import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor, GATEWAY_ROLE, Role, SYSTEM_ACTOR, TokenRole } from '../common/auth/roles';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { isUniqueViolation } from '../database/unique-violation';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository, TokenWithParent } from './api-token.repository';
import { sessionRefusal, sessionTerms } from './domain/session';
import { generateToken, hashToken, looksLikeToken } from './domain/token';
import { SessionSubjects } from './session-subjects';

export interface TokenView {
  id: string;
  name: string;
  role: TokenRole;
  kind: 'api' | 'session';
  subject: string | null;
  /** A session's parent token (an API token, or the directory-login session it was exchanged from). */
  parentTokenId: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  token: string;
  view: TokenView;
}

export function toTokenView(e: ApiTokenEntity): TokenView {
  return {
    id: e.id,
    name: e.name,
    role: e.role as TokenRole,
    kind: e.kind,
    subject: e.subject,
    parentTokenId: e.parentTokenId,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    expiresAt: e.expiresAt,
    revokedAt: e.revokedAt,
    lastUsedAt: e.lastUsedAt,
  };
}

const TOUCH_EVERY_MS = 60_000;

function actorOf(entity: ApiTokenEntity): Actor {
  return { id: entity.subject ?? `token:${entity.id}`, name: entity.name, role: entity.role as TokenRole, tokenId: entity.id };
}

@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly subjects: SessionSubjects,
  ) {}

  /** The plain token is returned here once and never stored. A gateway's credential is made by rotateSubjectToken. */
  async create(
    actor: Actor,
    input: {
      name: string;
      role: Role;
      expiresAt?: string | null;
      kind?: 'api' | 'session';
      subject?: string | null;
      parentTokenId?: string | null;
      value?: string;
    },
  ): Promise<CreatedToken> {
    const { token, entity } = this.build(actor, input);
    await this.uow.run((tx) => this.insert(tx, actor, entity));
    return { token, view: toTokenView(entity) };
  }

  /**
   * A machine's credential (a VPN gateway's): one live API token per subject, made inside the caller's unit so the
   * caller's own audit event commits with it. The subject's previous tokens are revoked in the same unit (rotation):
   * from the commit on, only the new one is accepted.
   */
  async rotateSubjectToken(
    tx: Tx,
    actor: Actor,
    input: { name: string; role: TokenRole; subject: string },
  ): Promise<CreatedToken & { revokedTokenIds: string[] }> {
    const revokedTokenIds = await this.revokeSubjectTokens(tx, actor, input.subject);
    const { token, entity } = this.build(actor, { ...input, kind: 'api' });
    await this.insert(tx, actor, entity);
    return { token, view: toTokenView(entity), revokedTokenIds };
  }

  /** Revokes every live API token of a subject (and their sessions) inside the caller's unit; the ids revoked. */
  async revokeSubjectTokens(tx: Tx, actor: Actor, subject: string): Promise<string[]> {
    const now = this.clock.nowIso();
    const revoked: string[] = [];
    for (const existing of await this.tokens.liveApiTokensOf(tx, subject, now)) {
      if (!(await this.tokens.revoke(tx, existing.id, now))) continue;
      const sessionsRevoked = await this.tokens.revokeChildren(tx, existing.id, now);
      await this.audit.record(tx, actor, {
        action: 'token.revoked',
        entityType: 'api_token',
        entityId: existing.id,
        summary: { name: existing.name, sessionsRevoked },
      });
      revoked.push(existing.id);
    }
    return revoked;
  }

  private build(
    actor: Actor,
    input: {
      name: string;
      role: TokenRole;
      expiresAt?: string | null;
      kind?: 'api' | 'session';
      subject?: string | null;
      parentTokenId?: string | null;
      value?: string;
    },
  ): { token: string; entity: ApiTokenEntity } {
    const name = input.name.trim();
    if (!name || name.length > 120) throw new ValidationFailed([{ field: 'name', messages: ['name must be 1-120 characters'] }]);
    const now = this.clock.nowIso();
    if (input.expiresAt && input.expiresAt <= now) {
      throw new ValidationFailed([{ field: 'expiresAt', messages: ['expiresAt must be in the future'] }]);
    }
    const token = input.value ?? generateToken();
    const entity: ApiTokenEntity = {
      id: randomUUID(),
      name,
      role: input.role,
      tokenHash: hashToken(token),
      kind: input.kind ?? 'api',
      subject: input.subject ?? null,
      parentTokenId: input.parentTokenId ?? null,
      createdAt: now,
      createdBy: actor.id,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
    };
    return { token, entity };
  }

  private async insert(tx: Tx, actor: Actor, entity: ApiTokenEntity): Promise<void> {
    await this.tokens.insert(tx, entity);
    await this.audit.record(tx, actor, {
      action: entity.kind === 'session' ? 'auth.session_opened' : 'token.created',
      entityType: 'api_token',
      entityId: entity.id,
      summary: { name: entity.name, role: entity.role, kind: entity.kind, expiresAt: entity.expiresAt },
    });
  }

  list(includeRevoked = false): Promise<TokenView[]> {
    return this.tokens.list(includeRevoked).then((rows) => rows.map(toTokenView));
  }

  async revoke(actor: Actor, id: string): Promise<TokenView> {
    return this.uow.run(async (tx) => {
      const existing = await this.tokens.findById(id, tx);
      if (!existing) throw NotFound.entity('TOKEN_NOT_FOUND', 'token', id);
      const now = this.clock.nowIso();
      if (await this.tokens.revoke(tx, id, now)) {
        // its sessions end with it (authenticate checks the parent anyway; this keeps the token list truthful)
        const sessionsRevoked = await this.tokens.revokeChildren(tx, id, now);
        await this.audit.record(tx, actor, {
          action: 'token.revoked',
          entityType: 'api_token',
          entityId: id,
          summary: { name: existing.name, sessionsRevoked },
        });
        existing.revokedAt = now;
      }
      return toTokenView(existing);
    });
  }

  /**
   * Logout: only session tokens are closed this way (an API token used directly is left alone). A cookie session
   * made from a directory login closes that login too, so the login's own token cannot open another.
   */
  async revokeSession(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.tokens.findById(tokenId);
    if (token?.kind !== 'session') return;
    await this.revoke(actor, tokenId);
    const parent = token.parentTokenId ? await this.tokens.findById(token.parentTokenId) : null;
    if (parent?.kind === 'session') await this.revoke(actor, parent.id);
  }

  /** Resolves a bearer token to its actor, or says why not. Refusal reasons are logged, not returned. */
  async authenticate(token: string): Promise<Actor> {
    const { entity } = await this.accept(token);
    this.touchLater(entity.id);
    return actorOf(entity);
  }

  /**
   * A browser session from a token that is valid now (an API token, a directory-login session or a session):
   * it never outlives the token it came from, and a session exchanged for a session keeps its parent, subject
   * and end (see domain/session.ts).
   */
  async openSession(token: string, ttlMinutes: number): Promise<CreatedToken & { actor: Actor }> {
    const { entity, parent } = await this.accept(token);
    // A machine's credential stays a bearer token for its own routes: no cookie, no pages.
    if (entity.role === GATEWAY_ROLE) throw new Forbidden('SESSION_NOT_FOR_GATEWAYS', 'A gateway credential cannot open a browser session');
    const actor = actorOf(entity);
    const terms = sessionTerms(entity, parent, this.clock.nowIso(), ttlMinutes);
    const created = await this.create(actor, {
      name: `web:${entity.name.replace(/^web:/, '')}`.slice(0, 120),
      role: entity.role as Role,
      kind: 'session',
      ...terms,
    });
    return { ...created, actor };
  }

  /**
   * One indexed look-up decides the token and its parent; a subject owned by another feature (an employee) is
   * asked of that feature through SessionSubjects. No cache: a revocation or a deactivation holds at the next request.
   */
  private async accept(token: string): Promise<TokenWithParent & { entity: ApiTokenEntity }> {
    if (!looksLikeToken(token)) throw new Unauthenticated('TOKEN_INVALID', 'The bearer token is not valid');
    const found = await this.tokens.findByHashWithParent(hashToken(token));
    if (!found) throw new Unauthenticated('TOKEN_INVALID', 'The bearer token is not valid');
    const refusal = sessionRefusal(found.token, found.parent, this.clock.nowIso());
    if (refusal) throw new Unauthenticated(refusal, refusal === 'TOKEN_EXPIRED' ? 'The token has expired' : 'The token has been revoked');
    if (!(await this.subjects.stillValid(found.token.subject))) {
      // Ended for good: reactivating the employee later must not bring back a session opened before.
      await this.endForInactiveSubject(found.token);
      throw new Unauthenticated('TOKEN_REVOKED', 'The account this token was issued to is no longer active');
    }
    return { ...found, entity: found.token };
  }

  private async endForInactiveSubject(token: ApiTokenEntity): Promise<void> {
    const now = this.clock.nowIso();
    try {
      await this.uow.run(async (tx) => {
        if (!(await this.tokens.revoke(tx, token.id, now))) return;
        const sessionsRevoked = await this.tokens.revokeChildren(tx, token.id, now);
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'token.revoked',
          entityType: 'api_token',
          entityId: token.id,
          summary: { name: token.name, reason: 'subject_inactive', sessionsRevoked },
        });
      });
    } catch (err) {
      // The refusal stands either way (it is decided on every request); only the record of it failed.
      this.logger.warn({ err }, 'could not revoke the token of an inactive subject');
    }
  }

  /** `BOOTSTRAP_ADMIN_TOKEN`: only when no usable admin token exists yet. Returns whether it created one. */
  async ensureBootstrapAdmin(value: string): Promise<boolean> {
    const existing = await this.tokens.findByHash(hashToken(value));
    if (existing) return false;
    const admins = await this.uow.run((tx) => this.tokens.countActiveAdmins(tx, this.clock.nowIso()));
    if (admins > 0) return false;
    try {
      await this.create(SYSTEM_ACTOR, { name: 'bootstrap-admin', role: 'admin', value });
    } catch (err) {
      // Several instances starting at once with the same value: token_hash is unique, the first insert wins.
      if (isUniqueViolation(err) && (await this.tokens.findByHash(hashToken(value)))) return false;
      throw err;
    }
    return true;
  }

  /** last_used_at at most once a minute per token, off the request path. */
  private touchLater(id: string): void {
    const now = Date.now();
    if ((this.lastTouched.get(id) ?? 0) > now - TOUCH_EVERY_MS) return;
    this.lastTouched.set(id, now);
    this.uow.run((tx) => this.tokens.touch(tx, id, this.clock.nowIso())).catch((err: unknown) => this.logger.warn({ err }, 'could not record token use'));
  }
}
