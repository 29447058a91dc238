import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, keysetCondition, pageOf, readCursor } from './keyset-cursor';

describe('keyset cursors', () => {
  it('round-trips the values of a row for the same ordering', () => {
    const c = encodeCursor('assetTag', ['INV-0000042', 'a']);
    expect(decodeCursor(c, 'assetTag', 2)).toEqual(['INV-0000042', 'a']);
    expect(decodeCursor(encodeCursor('name:desc', ['Rossi', 'Mario', 'id-1']), 'name:desc', 3)).toEqual(['Rossi', 'Mario', 'id-1']);
    expect(decodeCursor(encodeCursor('seq', [42]), 'seq', 1, 'number')).toEqual([42]);
    expect(decodeCursor(encodeCursor('seq', ['42']), 'seq', 1, 'number')).toBeNull();
    expect(decodeCursor(encodeCursor('seq', [42]), 'seq', 1)).toBeNull();
  });

  it('refuses a cursor made for another ordering, of another arity, or garbage', () => {
    const c = encodeCursor('assetTag', ['X', 'a']);
    expect(decodeCursor(c, '-createdAt', 2)).toBeNull();
    expect(decodeCursor(c, 'assetTag', 3)).toBeNull();
    expect(decodeCursor('not-a-cursor', 'assetTag', 2)).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"assetTag","v":[{},"a"]}').toString('base64url'), 'assetTag', 2)).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"assetTag","v":["x",null]}').toString('base64url'), 'assetTag', 2)).toBeNull();
  });

  it('answers 400 INVALID_CURSOR through readCursor, nothing without a cursor', () => {
    expect(readCursor(undefined, 'seq', 1)).toBeUndefined();
    try {
      readCursor('garbage', 'seq', 1);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_CURSOR');
    }
  });

  it('makes a page from limit + 1 rows, with a cursor only when a row was left over', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const full = pageOf(
      rows,
      2,
      'id',
      (r) => [r.id],
      (r) => r.id,
    );
    expect(full.items).toEqual(['a', 'b']);
    expect(decodeCursor(full.nextCursor!, 'id', 1)).toEqual(['b']);
    expect(decodeCursor(encodeCursor('id', [null]), 'id', 1)).toBeNull();
    expect(
      pageOf(
        rows,
        3,
        'id',
        (r) => [r.id],
        (r) => r.id,
      ).nextCursor,
    ).toBeNull();
  });

  it('writes the condition as one row-value comparison', () => {
    expect(keysetCondition(['a.x', 'a.id'], 'ASC', ['v', 'i'])).toEqual(['(a.x, a.id) > (:k0, :k1)', { k0: 'v', k1: 'i' }]);
    expect(keysetCondition(['e.seq'], 'DESC', [7], 'p')).toEqual(['(e.seq) < (:p0)', { p0: 7 }]);
  });
});
