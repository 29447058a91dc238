import { HOTLINE_PAGES, TECHNICIAN_PAGES } from '../../../src/operator-pages/operator-pages';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

type Role = 'admin' | 'technician' | 'hotline' | 'hr' | 'manager' | 'rtd' | 'employee';
interface Link {
  href: string;
  label: string;
}
interface Navigation {
  role: Role;
  roleLabel: string;
  main: Link[];
  areas: { area: string; label: string; sections: (Link & { key: string })[] }[];
}

/** The sections a page area must show: the one list of pages, in its order, with its labels. */
const sectionsOf = (pages: Record<string, { path: string; label: string }>) =>
  Object.entries(pages).map(([key, p]) => ({ key, href: `/ui/${p.path}`, label: p.label }));

describe('the pages’ navigation is served from the one list of pages (src/operator-pages/operator-pages.ts)', () => {
  let t: TestApp;
  const tokens: Partial<Record<Role, string>> = {};
  const navigationOf = async (role: Role): Promise<Navigation> => (await t.http().get('/api/v1/ui/navigation').set(auth(tokens[role]!)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    tokens.admin = t.adminToken;
    for (const role of ['technician', 'hotline', 'hr', 'manager', 'rtd', 'employee'] as const) tokens[role] = await t.tokenFor(role, `nav-${role}`);
  });
  afterAll(() => t.close());

  it('gives a technician every technician page, as listed on the server', async () => {
    const nav = await navigationOf('technician');
    expect(nav.areas).toEqual([{ area: 'technician', label: 'Tecnici', sections: sectionsOf(TECHNICIAN_PAGES) }]);
    expect(nav.areas[0].sections).toHaveLength(Object.keys(TECHNICIAN_PAGES).length);
    expect(nav.main).toEqual([
      { href: '/ui', label: 'Inizio' },
      { href: '/ui/technician', label: 'Tecnici' },
    ]);
    expect(nav).toMatchObject({ role: 'technician', roleLabel: 'Tecnico' });
  });

  it('gives the hot-line every hot-line page, as listed on the server', async () => {
    const nav = await navigationOf('hotline');
    expect(nav.areas).toEqual([{ area: 'hotline', label: 'Hot-line VPN', sections: sectionsOf(HOTLINE_PAGES) }]);
    expect(nav.main).toEqual([
      { href: '/ui', label: 'Inizio' },
      { href: '/ui/hotline', label: 'Hot-line VPN' },
    ]);
  });

  it('gives the admin every area, and the other roles only the pages their routes open', async () => {
    expect((await navigationOf('admin')).areas.map((a) => a.area)).toEqual(['technician', 'hotline', 'hr', 'manager', 'employee']);
    expect((await navigationOf('rtd')).main.map((l) => l.href)).toEqual(['/ui', '/dashboard']);
    expect((await navigationOf('hr')).main.map((l) => l.href)).toEqual(['/ui', '/ui/hr']);
    expect((await navigationOf('manager')).main.map((l) => l.href)).toEqual(['/ui', '/ui/manager']);
    expect((await navigationOf('employee')).main.map((l) => l.href)).toEqual(['/ui', '/ui/me']);
    for (const role of ['hr', 'manager', 'employee'] as const) expect((await navigationOf(role)).areas.map((a) => a.area)).toEqual([role]);
  });

  it('lists no link its role cannot open', async () => {
    for (const role of Object.keys(tokens) as Role[]) {
      const nav = await navigationOf(role);
      const hrefs = [...nav.main, ...nav.areas.flatMap((a) => a.sections)].map((l) => l.href);
      for (const href of hrefs) {
        const res = await t.http().get(href).set(auth(tokens[role]!)).set('Accept', 'text/html');
        expect({ role, href, status: res.status }).toEqual({ role, href, status: 200 });
      }
    }
  });

  it('answers 401 without a session', async () => {
    await t.http().get('/api/v1/ui/navigation').expect(401);
  });
});
