import { TableColumnOptions } from 'typeorm';

/**
 * Column shapes that mean the same on SQLite and PostgreSQL. Instants are stored as ISO-8601 UTC strings
 * (`2026-11-27T03:26:35.000Z`) and calendar dates as `YYYY-MM-DD`: both sort and compare as text on either
 * database, and `substr(x, 1, 7)` gives the month on both, so indicator SQL needs no dialect branches.
 */
type Extra = Partial<TableColumnOptions>;

export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: '36', ...extra }),
  string: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra }),
  text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
  timestamp: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: '30', ...extra }),
  date: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: '10', ...extra }),
  int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
  bigint: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra }),
  bool: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'boolean', ...extra }),
};
