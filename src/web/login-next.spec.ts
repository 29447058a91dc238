import * as fs from 'node:fs';
import * as vm from 'node:vm';
import { webFile } from './web-paths';

/**
 * The login page's `next` rule, as shipped: web/assets/login-next.js is a plain ES module for the browser, so it is
 * evaluated here as it is (its one `export` dropped) with Node's WHATWG URL parser, the one the browser follows.
 */
function loadSafeNext(): (next: string | null, origin: string) => string {
  const source = fs.readFileSync(webFile('assets/login-next.js'), 'utf8');
  expect(source.match(/^export /gm)).toHaveLength(1);
  const context = vm.createContext({ URL });
  vm.runInContext(source.replace(/^export /m, ''), context);
  return context.safeNext as (next: string | null, origin: string) => string;
}

describe('where the login page goes next', () => {
  const safeNext = loadSafeNext();
  const origin = 'http://10.20.30.40:3000';

  it('keeps a place on this origin, with its query and fragment', () => {
    expect(safeNext('/ui', origin)).toBe(`${origin}/ui`);
    expect(safeNext('/ui/technician/employee?id=42#gate', origin)).toBe(`${origin}/ui/technician/employee?id=42#gate`);
    expect(safeNext('/dashboard?anno=2020', origin)).toBe(`${origin}/dashboard?anno=2020`);
  });

  it('never leaves the origin, however the other host is spelled', () => {
    // as URLSearchParams decodes them: /%5Cevil.example/x, /%09/evil.example/x, /%5C%5Cevil.example, …
    const hostile = [
      '/\\evil.example/x',
      '/\t/evil.example/x',
      '/\\\\evil.example/x',
      '//evil.example/x',
      '/\\/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'https://evil.example/x',
      'HTTP://evil.example',
      'javascript:alert(1)',
      'data:text/html,x',
      '\\\\evil.example',
      '',
      null,
    ];
    for (const next of hostile) {
      const target = new URL(safeNext(next, origin));
      expect({ next, origin: target.origin }).toEqual({ next, origin });
    }
    expect(safeNext('/\\evil.example/x', origin)).toBe(`${origin}/ui`);
    // a path that only looks like a host stays on this origin, absolute, so it cannot be re-read as `//host`
    expect(safeNext('/.//evil.example', origin)).toBe(`${origin}//evil.example`);
  });
});
