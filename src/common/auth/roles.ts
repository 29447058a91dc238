/**
 * The roles of people: what tokens, directory logins and browser sessions carry, and what `@AnyRole()` admits.
 * `employee` (issue 15) sees only its own records: no route names it but the self-service ones (`/api/v1/me`,
 * `/ui/me`) and the shared ones every person opens (`@AnyRole()`: session, navigation, home).
 */
export const ROLES = ['admin', 'technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role of a VPN gateway's credential (a machine, not a person): an API token with subject `gateway:<gatewayId>`,
 * made only by `POST /api/v1/vpn/gateways/:id/credential`. Deliberately outside ROLES, so that nothing written for
 * people admits it — `@AnyRole()`, a token created through /tokens, a directory group mapped to a role, the pages —
 * and a route lets a gateway in only by naming it in `@Roles(...)`; even then, only for its own gateway id.
 */
export const GATEWAY_ROLE = 'gateway';
export type GatewayRole = typeof GATEWAY_ROLE;
/** Every role a token may carry. */
export type TokenRole = Role | GatewayRole;
export const TOKEN_ROLES: readonly TokenRole[] = [...ROLES, GATEWAY_ROLE];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The actor id of a gateway's credential. */
export function gatewayActorId(gatewayId: string): string {
  return `gateway:${gatewayId}`;
}

/** Who is acting: a token holder, or the service itself (jobs, schedules, the CLI). */
export interface Actor {
  id: string;
  name: string;
  role: TokenRole | 'system';
  tokenId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', role: 'system' };

export function cliActor(user = process.env.USER ?? 'operator'): Actor {
  return { id: `cli:${user}`, name: `cli:${user}`, role: 'system' };
}

/** How an actor is written on records (created_by, technician, audit): one form everywhere. */
export function actorLabel(actor: Actor): string {
  return actor.name === actor.id ? actor.id : `${actor.id} (${actor.name})`;
}
