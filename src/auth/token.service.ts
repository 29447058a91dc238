import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Actor, Role, SYSTEM_ACTOR } from '../common/auth/roles';
import { NotFound, Unauthenticated, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { isUniqueViolation } from '../database/unique-violation';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import { generateToken, hashToken, looksLikeToken, tokenRefusal } from './domain/token';

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  kind: 'api' | 'session';
  subject: string | null;
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
    role: e.role as Role,
    kind: e.kind,
    subject: e.subject,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    expiresAt: e.expiresAt,
    revokedAt: e.revokedAt,
    lastUsedAt: e.lastUsedAt,
  };
}

const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The plain token is returned here once and never stored. */
  async create(
    actor: Actor,
    input: { name: string; role: Role; expiresAt?: string | null; kind?: 'api' | 'session'; subject?: string | null; value?: string },
  ): Promise<CreatedToken> {
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
      createdAt: now,
      createdBy: actor.id,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.uow.run(async (tx) => {
      await this.tokens.insert(tx, entity);
      await this.audit.record(tx, actor, {
        action: entity.kind === 'session' ? 'auth.session_opened' : 'token.created',
        entityType: 'api_token',
        entityId: entity.id,
        summary: { name, role: entity.role, kind: entity.kind, expiresAt: entity.expiresAt },
      });
    });
    return { token, view: toTokenView(entity) };
  }

  list(includeRevoked = false): Promise<TokenView[]> {
    return this.tokens.list(includeRevoked).then((rows) => rows.map(toTokenView));
  }

  async revoke(actor: Actor, id: string): Promise<TokenView> {
    return this.uow.run(async (tx) => {
      const existing = await this.tokens.findById(id, tx);
      if (!existing) throw new NotFound('token', id);
      const now = this.clock.nowIso();
      if (await this.tokens.revoke(tx, id, now)) {
        await this.audit.record(tx, actor, { action: 'token.revoked', entityType: 'api_token', entityId: id, summary: { name: existing.name } });
        existing.revokedAt = now;
      }
      return toTokenView(existing);
    });
  }

  /** Logout: only session tokens are closed this way (an API token used directly is left alone). */
  async revokeSession(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.tokens.findById(tokenId);
    if (token?.kind === 'session') await this.revoke(actor, tokenId);
  }

  /** Resolves a bearer token to its actor, or says why not. Refusal reasons are logged, not returned. */
  async authenticate(token: string): Promise<Actor> {
    if (!looksLikeToken(token)) throw new Unauthenticated('TOKEN_INVALID', 'The bearer token is not valid');
    const entity = await this.tokens.findByHash(hashToken(token));
    if (!entity) throw new Unauthenticated('TOKEN_INVALID', 'The bearer token is not valid');
    const refusal = tokenRefusal(entity, this.clock.nowIso());
    if (refusal) throw new Unauthenticated(refusal, refusal === 'TOKEN_EXPIRED' ? 'The token has expired' : 'The token has been revoked');
    this.touchLater(entity.id);
    return { id: entity.subject ?? `token:${entity.id}`, name: entity.name, role: entity.role as Role, tokenId: entity.id };
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
    this.uow
      .run((tx) => this.tokens.touch(tx, id, this.clock.nowIso()))
      .catch((err: unknown) => this.logger.warn({ err }, 'could not record token use'));
  }
}
