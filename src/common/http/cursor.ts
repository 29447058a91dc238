import { ValidationFailed } from '../errors/domain-error';

/** Opaque keyset cursor for lists ordered by (createdAt, id): base64url of a JSON pair. */
export interface CreatedAtCursor {
  createdAt: string;
  id: string;
}

export function encodeCreatedAtCursor(c: CreatedAtCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

export function decodeCreatedAtCursor(cursor: string): CreatedAtCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && createdAt.length <= 30 && id.length <= 36) return { createdAt, id };
  } catch {
    // fall through to the refusal
  }
  throw new ValidationFailed([{ field: 'cursor', messages: ['use the nextCursor of a previous page'] }], 'The cursor is not valid', 'INVALID_CURSOR');
}
