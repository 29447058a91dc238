import { ROLES } from '../common/auth/roles';
import { navigationFor } from './navigation';
import { HOTLINE_PAGES, TECHNICIAN_PAGES } from './operator-pages';

describe('the navigation each role is given', () => {
  it('draws each area’s sections from the one list of pages, in its order, with its labels', () => {
    const [technician] = navigationFor('technician').areas;
    expect(technician.sections.map((s) => s.label)).toEqual(Object.values(TECHNICIAN_PAGES).map((p) => p.label));
    expect(technician.sections.map((s) => s.href)).toEqual(Object.values(TECHNICIAN_PAGES).map((p) => `/ui/${p.path}`));
    const [hotline] = navigationFor('hotline').areas;
    expect(hotline.sections.map((s) => s.key)).toEqual(Object.keys(HOTLINE_PAGES));
  });

  it('gives the admin every area and link, the other roles the home page plus their own', () => {
    expect(navigationFor('admin').main.map((l) => l.href)).toEqual(['/ui', '/dashboard', '/ui/technician', '/ui/hotline', '/ui/hr', '/ui/manager', '/ui/me']);
    expect(navigationFor('admin').areas.map((a) => a.area)).toEqual(['technician', 'hotline', 'hr', 'manager', 'employee']);
    expect(navigationFor('rtd')).toMatchObject({ main: [{ href: '/ui' }, { href: '/dashboard' }], areas: [] });
    for (const role of ROLES) expect(navigationFor(role).main[0]).toEqual({ href: '/ui', label: 'Inizio' });
    for (const role of ROLES) expect(navigationFor(role).roleLabel).toMatch(/\S/);
  });
});
