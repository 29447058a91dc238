import { loginForms } from './login-forms';

describe('login forms', () => {
  const domains = ['COMUNE', 'comune.test'];

  it('reads user, DOMAIN\\user and user@realm as one account name', () => {
    expect(loginForms('mrossi', domains)).toEqual({ account: 'mrossi', upn: null });
    expect(loginForms('COMUNE\\mrossi', domains)).toEqual({ account: 'mrossi', upn: null });
    expect(loginForms('comune\\MRossi', domains)).toEqual({ account: 'MRossi', upn: null });
    expect(loginForms('mrossi@comune.test', domains)).toEqual({ account: 'mrossi', upn: 'mrossi@comune.test' });
    expect(loginForms(' mrossi@COMUNE.TEST ', domains)).toEqual({ account: 'mrossi', upn: 'mrossi@COMUNE.TEST' });
  });

  it('applies NFKC before reading the forms (fullwidth backslash and at sign)', () => {
    expect(loginForms('ＣＯＭＵＮＥ＼ｍｒｏｓｓｉ', domains)).toEqual({ account: 'mrossi', upn: null });
    expect(loginForms('mrossi＠comune.test', domains).account).toBe('mrossi');
  });

  it('does not strip a domain it does not know; a foreign UPN can still match the UPN attribute as typed', () => {
    expect(loginForms('ALTRO\\mrossi', domains)).toEqual({ account: null, upn: null });
    expect(loginForms('mrossi@altro.it', domains)).toEqual({ account: null, upn: 'mrossi@altro.it' });
    expect(loginForms('COMUNE\\a\\b', domains).account).toBeNull();
    expect(loginForms('COMUNE\\', domains).account).toBeNull();
    expect(loginForms('@comune.test', domains)).toEqual({ account: '@comune.test', upn: null });
  });

  it('leaves the text alone when the profile names no domains (OpenLDAP)', () => {
    expect(loginForms('a\\b@c', [])).toEqual({ account: 'a\\b@c', upn: null });
  });
});
