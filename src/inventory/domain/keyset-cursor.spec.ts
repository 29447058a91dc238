import { decodeCursor, encodeCursor } from './keyset-cursor';

describe('keyset cursors', () => {
  it('round-trips a position for the same sort', () => {
    const c = encodeCursor({ s: 'assetTag', v: 'INV-0000042', id: 'a' });
    expect(decodeCursor(c, 'assetTag')).toEqual({ s: 'assetTag', v: 'INV-0000042', id: 'a' });
  });

  it('refuses a cursor made for another sort, or garbage', () => {
    const c = encodeCursor({ s: 'assetTag', v: 'X', id: 'a' });
    expect(decodeCursor(c, '-createdAt')).toBeNull();
    expect(decodeCursor('not-a-cursor', 'assetTag')).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"assetTag","v":{},"id":"a"}').toString('base64url'), 'assetTag')).toBeNull();
  });
});
