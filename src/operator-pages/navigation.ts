import { Role, ROLES } from '../common/auth/roles';
import { EMPLOYEE_PAGES, HOTLINE_PAGES, HR_PAGES, MANAGER_PAGES, OperatorPage, TECHNICIAN_PAGES } from './operator-pages';

/**
 * What the pages' header and section bars show, built from the one list of pages (operator-pages.ts) for the
 * signed-in role: the pages keep no copy of paths or labels. The links are a convenience: every route checks
 * the role again.
 */
export interface NavigationLink {
  href: string;
  label: string;
}

export interface NavigationSection extends NavigationLink {
  /** the page's key in operator-pages.ts (the page marks itself current with it) */
  key: string;
}

export interface NavigationArea {
  area: 'technician' | 'hotline' | 'hr' | 'manager' | 'employee';
  label: string;
  sections: NavigationSection[];
}

export interface Navigation {
  role: Role;
  roleLabel: string;
  main: NavigationLink[];
  areas: NavigationArea[];
}

/** Italian names of the roles, as the header shows them. */
const ROLE_LABELS: Record<Role, string> = {
  admin: 'Amministratore',
  technician: 'Tecnico',
  hotline: 'Hot-line',
  hr: 'Risorse umane',
  manager: 'Dirigente',
  rtd: 'RTD',
  employee: 'Dipendente',
};

/** The header's pages and the roles whose routes open them (`admin` opens every page, as for every route). */
const MAIN_PAGES: readonly (NavigationLink & { roles: readonly Role[] })[] = [
  { href: '/ui', label: 'Inizio', roles: ROLES },
  { href: '/dashboard', label: 'Cruscotto POLA', roles: ['rtd'] },
  { href: `/ui/${TECHNICIAN_PAGES.home.path}`, label: 'Tecnici', roles: ['technician'] },
  { href: `/ui/${HOTLINE_PAGES.queue.path}`, label: 'Hot-line VPN', roles: ['hotline'] },
  { href: `/ui/${HR_PAGES.agreements.path}`, label: 'Risorse umane', roles: ['hr'] },
  { href: `/ui/${MANAGER_PAGES.team.path}`, label: 'Il mio servizio', roles: ['manager'] },
  { href: `/ui/${EMPLOYEE_PAGES.me.path}`, label: 'La mia situazione', roles: ['employee'] },
];

const AREAS = [
  { area: 'technician', label: 'Tecnici', role: 'technician', pages: TECHNICIAN_PAGES },
  { area: 'hotline', label: 'Hot-line VPN', role: 'hotline', pages: HOTLINE_PAGES },
  { area: 'hr', label: 'Risorse umane', role: 'hr', pages: HR_PAGES },
  { area: 'manager', label: 'Il mio servizio', role: 'manager', pages: MANAGER_PAGES },
  { area: 'employee', label: 'La mia situazione', role: 'employee', pages: EMPLOYEE_PAGES },
] as const satisfies readonly { area: NavigationArea['area']; label: string; role: Role; pages: Record<string, OperatorPage> }[];

const mayOpen = (role: Role, roles: readonly Role[]): boolean => role === 'admin' || roles.includes(role);

export function navigationFor(role: Role): Navigation {
  return {
    role,
    roleLabel: ROLE_LABELS[role],
    main: MAIN_PAGES.filter((p) => mayOpen(role, p.roles)).map(({ href, label }) => ({ href, label })),
    areas: AREAS.filter((a) => mayOpen(role, [a.role])).map((a) => ({
      area: a.area,
      label: a.label,
      sections: Object.entries(a.pages as Record<string, OperatorPage>).map(([key, p]) => ({ key, href: `/ui/${p.path}`, label: p.label })),
    })),
  };
}
