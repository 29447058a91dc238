export const ROLES = ['admin', 'technician', 'hotline', 'hr', 'manager', 'rtd'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is acting: a token holder, or the service itself (jobs, schedules, the CLI). */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'system';
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
