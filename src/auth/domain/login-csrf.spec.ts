import { loginRequestMayBeCrossSite } from './login-csrf';

describe('login CSRF rule', () => {
  it('accepts a JSON body or the pages’ CSRF header', () => {
    expect(loginRequestMayBeCrossSite('application/json', undefined)).toBe(false);
    expect(loginRequestMayBeCrossSite('Application/JSON; charset=utf-8', undefined)).toBe(false);
    expect(loginRequestMayBeCrossSite('application/x-www-form-urlencoded', '1')).toBe(false);
  });

  it('refuses what a cross-site form or a no-cors fetch can send', () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'text/plain; application/json', undefined, '']) {
      expect(loginRequestMayBeCrossSite(type, undefined)).toBe(true);
    }
    // only the exact value the pages send
    expect(loginRequestMayBeCrossSite('text/plain', '0')).toBe(true);
    expect(loginRequestMayBeCrossSite('text/plain', ['1', '1'])).toBe(true);
  });
});
