import { unreadableText } from './validation';

describe('text no database keeps as sent', () => {
  it('finds a NUL or an unpaired surrogate anywhere in a body, and names the field', () => {
    expect(unreadableText({ username: 'mrossi\u0000', password: 'x' }, 'body')).toBe('body.username');
    expect(unreadableText({ items: [{ note: 'ok' }, { note: 'a\ud800b' }] }, 'body')).toBe('body.items.1.note');
    expect(unreadableText('\udc00 lone low half', 'body')).toBe('body');
    expect(unreadableText({ ['k\u0000']: 1 }, 'query')).toBe('query.k\u0000');
  });

  it('lets ordinary and non-Latin text through, pairs of surrogates included', () => {
    expect(unreadableText({ lastName: 'Dell’Acqua', note: 'Michał 🙂 東京', nested: { n: 1, b: true, z: null } }, 'body')).toBeNull();
    expect(unreadableText('serial\nSN1\n', 'body')).toBeNull();
  });
});
