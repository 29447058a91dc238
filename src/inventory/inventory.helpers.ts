import { Actor } from '../common/auth/roles';
import { calendarDate, Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';

/** "Today" for the municipality (its time zone), as every business rule reads it. */
export function today(clock: Clock, config: AppConfig): string {
  return calendarDate(clock.now(), config.env.TIMEZONE);
}

/** How an actor is written on records (created_by, technician): the same form the audit log uses. */
export function actorLabel(actor: Actor): string {
  return actor.name === actor.id ? actor.id : `${actor.id} (${actor.name})`;
}

/** The place printed on receipts: "Prato" from "Comune di Prato"; empty for a generic name. */
export function placeOf(municipality: string): string {
  const m = /^Comune di\s+(.+)$/i.exec(municipality.trim());
  return m ? m[1] : '';
}

/** A unique-constraint violation from either database (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  if (e?.code === '23505' || e?.driverError?.code === '23505') return true;
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT: UNIQUE/i.test(String(e?.message ?? ''));
}
