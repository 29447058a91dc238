import { NOTICE_KINDS, NOTICE_RECIPIENTS, noticeId, recipientsOf } from './notice-kinds';

describe('notice kinds and recipients', () => {
  const addresses = { hotline: 'hotline@comune.test', hr: 'personale@comune.test', technicians: 'tecnici@comune.test', admins: 'admin@comune.test' };

  it('sends each notice to the people the issue names', () => {
    const people = { employee: 'mario@comune.test', managers: ['capo@comune.test'] };
    expect(recipientsOf('agreement-ready', people, addresses)).toEqual(['mario@comune.test', 'capo@comune.test']);
    expect(recipientsOf('agreement-signed', people, addresses)).toEqual(['hotline@comune.test']);
    expect(recipientsOf('vpn-profile-ready', people, addresses)).toEqual(['mario@comune.test']);
    expect(recipientsOf('safety-notice-due', people, addresses)).toEqual(['personale@comune.test', 'mario@comune.test']);
    expect(recipientsOf('return-opened', people, addresses)).toEqual(['mario@comune.test', 'tecnici@comune.test']);
    expect(recipientsOf('return-overdue', people, addresses)).toEqual(['mario@comune.test', 'tecnici@comune.test']);
    expect(recipientsOf('certificate-expiring', people, addresses)).toEqual(['hotline@comune.test', 'mario@comune.test']);
    expect(recipientsOf('withdrawal-notice', people, addresses)).toEqual(['mario@comune.test', 'capo@comune.test']);
    expect(recipientsOf('crl-failing', people, addresses)).toEqual(['admin@comune.test']);
    expect(Object.keys(NOTICE_RECIPIENTS).sort()).toEqual([...NOTICE_KINDS].sort());
  });

  it('leaves out missing addresses and duplicates (a manager who is also the hot-line address)', () => {
    expect(recipientsOf('withdrawal-notice', { employee: null, managers: ['A@comune.test', 'a@comune.test'] }, {})).toEqual(['A@comune.test']);
    expect(recipientsOf('crl-failing', { employee: null, managers: [] }, {})).toEqual([]);
  });

  it('builds a stable job id, refusing keys a job id cannot carry', () => {
    expect(noticeId('agreement-signed', 'c3ba4256-f5da-43f8-9453-67d6a98add4b')).toBe('notice-agreement-signed-c3ba4256-f5da-43f8-9453-67d6a98add4b');
    expect(() => noticeId('crl-failing', 'a:b')).toThrow(/invalid notice key/);
    expect(() => noticeId('crl-failing', '')).toThrow(/invalid notice key/);
  });
});
