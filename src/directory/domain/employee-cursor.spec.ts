import { decodeCursor, encodeCursor } from './employee-cursor';

describe('employee cursor', () => {
  it('round-trips and refuses a cursor made for another sort or a forged one', () => {
    const c = encodeCursor('name', 'asc', ['Rossi', 'Maria', 'id-1']);
    expect(decodeCursor(c, 'name', 'asc')).toEqual(['Rossi', 'Maria', 'id-1']);
    expect(decodeCursor(c, 'name', 'desc')).toBeNull();
    expect(decodeCursor(c, 'createdAt', 'asc')).toBeNull();
    expect(decodeCursor('not-a-cursor', 'name', 'asc')).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"name","o":"asc","v":[1,2,3]}').toString('base64url'), 'name', 'asc')).toBeNull();
  });
});
