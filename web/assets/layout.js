// Header and navigation shared by every page; links are shown by role (the server enforces them anyway).
import { api } from './api.js';

export const ROLE_LABELS = {
  admin: 'Amministratore',
  technician: 'Tecnico',
  hotline: 'Hot-line',
  hr: 'Risorse umane',
  manager: 'Dirigente',
  rtd: 'RTD',
};

/** Pages and the roles that may open them; features add theirs here. */
export const PAGES = [
  { href: '/ui', label: 'Inizio', roles: ['admin', 'technician', 'hotline', 'hr', 'manager', 'rtd'] },
  { href: '/dashboard', label: 'Cruscotto POLA', roles: ['admin', 'rtd'] },
  { href: '/ui/technician', label: 'Tecnici', roles: ['admin', 'technician'] },
  { href: '/ui/hotline', label: 'Hot-line VPN', roles: ['admin', 'hotline'] },
];

export async function renderLayout(title) {
  const me = await api('/api/v1/auth/me');
  const header = document.createElement('header');
  header.className = 'top';
  const links = PAGES.filter((p) => p.roles.includes(me.role))
    .map((p) => `<li><a href="${p.href}"${location.pathname === p.href ? ' aria-current="page"' : ''}>${p.label}</a></li>`)
    .join('');
  header.innerHTML =
    `<a class="brand" href="/ui">Lavoro agile – dotazioni e VPN</a>` +
    `<nav aria-label="Principale"><ul>${links}</ul></nav>` +
    `<span class="who">${escape(me.name)} · ${ROLE_LABELS[me.role] || me.role}</span>` +
    `<button type="button" class="link" id="logout">Esci</button>`;
  const skip = document.createElement('a');
  skip.href = '#main';
  skip.className = 'skip-link';
  skip.textContent = 'Vai al contenuto';
  document.body.prepend(header);
  document.body.prepend(skip);
  header.querySelector('#logout').addEventListener('click', async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    location.assign('/ui/login');
  });
  if (title) document.title = `${title} – Lavoro agile`;
  return me;
}

function escape(v) {
  return String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
