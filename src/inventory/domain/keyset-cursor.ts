/**
 * Opaque cursors for keyset pagination: the last row's sort value and id. A page costs the same at row
 * 49,950 as at row 0, and rows inserted meanwhile never shift what the client sees.
 */
export interface KeysetPosition {
  /** sort key the cursor was made for, so a cursor cannot be replayed against another ordering */
  s: string;
  v: string | number | null;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position, or null when the text is not a cursor made for this sort. */
export function decodeCursor(cursor: string, sort: string): KeysetPosition | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<KeysetPosition>;
    if (parsed.s !== sort || typeof parsed.id !== 'string') return null;
    if (!(typeof parsed.v === 'string' || typeof parsed.v === 'number' || parsed.v === null)) return null;
    return { s: parsed.s, v: parsed.v, id: parsed.id };
  } catch {
    return null;
  }
}
