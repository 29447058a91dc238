import { ValidationFailed } from '../errors/domain-error';

/**
 * The one keyset cursor of the API. A page ends with the sort values of its last row (the id last, so the
 * order is total) and the next page starts strictly after them: a page costs the same at row 49,950 as at
 * row 0, rows inserted meanwhile never shift what the client sees, and there is no row ceiling. The cursor
 * is opaque (base64url JSON) and tied to the ordering it was made for, so it cannot be replayed on another.
 */
export type KeyValue = string | number | null;

interface CursorBody {
  s: string;
  v: KeyValue[];
}

/** `sort` names the ordering (with its direction when a list offers both); `values` are its columns, id last. */
export function encodeCursor(sort: string, values: KeyValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, v: values } satisfies CursorBody), 'utf8').toString('base64url');
}

/**
 * The values, or null when the text is not a cursor made for this ordering: `arity` columns, each of `kind`
 * (a forged cursor must not reach SQL with a value of another type than its column's).
 */
export function decodeCursor(cursor: string, sort: string, arity: number, kind: 'string' | 'number' = 'string'): KeyValue[] | null {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (body.s !== sort || !Array.isArray(body.v) || body.v.length !== arity) return null;
    const values: unknown[] = body.v;
    const ok = (x: unknown) => (kind === 'string' ? typeof x === 'string' && x.length <= 500 : typeof x === 'number' && Number.isSafeInteger(x));
    if (!values.every(ok)) return null;
    return body.v;
  } catch {
    return null;
  }
}

/** The decoded cursor of a request, undefined without one; 400 INVALID_CURSOR when it is not ours. */
export function readCursor(cursor: string | undefined, sort: string, arity: number, kind: 'string' | 'number' = 'string'): KeyValue[] | undefined {
  if (cursor === undefined) return undefined;
  const values = decodeCursor(cursor, sort, arity, kind);
  if (!values)
    throw new ValidationFailed(
      [{ field: 'cursor', messages: ['use the nextCursor of a previous page of this list and sort'] }],
      'The cursor is not valid',
      'INVALID_CURSOR',
    );
  return values;
}

/**
 * A page from rows read with `limit + 1`: the extra row only says that there is a next page, whose cursor is
 * made from the last row kept.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  sort: string,
  key: (row: R) => KeyValue[],
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: rows.length > limit && last ? encodeCursor(sort, key(last)) : null };
}

/**
 * The keyset condition after a cursor: a row-value comparison `(a, b, id) > (:k0, :k1, :k2)`, which SQLite
 * (3.15+) and PostgreSQL both read as an index range (an OR chain would not be). Every column sorts the same way.
 */
export function keysetCondition(columns: string[], direction: 'ASC' | 'DESC', after: KeyValue[], prefix = 'k'): [string, Record<string, KeyValue>] {
  const params: Record<string, KeyValue> = {};
  after.forEach((v, i) => (params[`${prefix}${i}`] = v));
  const op = direction === 'ASC' ? '>' : '<';
  return [`(${columns.join(', ')}) ${op} (${after.map((_, i) => `:${prefix}${i}`).join(', ')})`, params];
}

/** The (createdAt, id) position of a cursor read for the 'createdAt' ordering, as list repositories take it. */
export function createdAtAfter(values: KeyValue[] | undefined): { createdAt: string; id: string } | undefined {
  return values ? { createdAt: String(values[0]), id: String(values[1]) } : undefined;
}
