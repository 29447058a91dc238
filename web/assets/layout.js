// @ts-check
// Header and navigation shared by every page. The links and their labels come from the server
// (GET /api/v1/ui/navigation, built from src/operator-pages/operator-pages.ts); the server enforces them anyway.
import { api, escapeHtml as escape } from './api.js';

/** @type {Promise<Navigation> | null} */
let navigationRequest = null;

/** The signed-in role's navigation, asked once per page. */
export function navigation() {
  navigationRequest ??= /** @type {Promise<Navigation>} */ (api('/api/v1/ui/navigation'));
  return navigationRequest;
}

/**
 * @param {string} [title]
 * @returns {Promise<WhoAmI>} the signed-in user
 */
export async function renderLayout(title) {
  const [me, nav] = await Promise.all([/** @type {Promise<WhoAmI>} */ (api('/api/v1/auth/me')), navigation()]);
  const header = document.createElement('header');
  // a browser session's actor is named `web:<name>` (a directory login's `web:login:<username>`) on records; the person reads their name
  header.className = 'top';
  const links = nav.main
    .map((p) => `<li><a href="${escape(p.href)}"${location.pathname === p.href ? ' aria-current="page"' : ''}>${escape(p.label)}</a></li>`)
    .join('');
  header.innerHTML =
    `<a class="brand" href="/ui">Lavoro agile – dotazioni e VPN</a>` +
    `<nav aria-label="Principale"><ul>${links}</ul></nav>` +
    `<span class="who">${escape(me.name.replace(/^(web:|login:)+/, ''))} · ${escape(nav.roleLabel)}</span>` +
    `<button type="button" class="link" id="logout">Esci</button>`;
  const skip = document.createElement('a');
  skip.href = '#main';
  skip.className = 'skip-link';
  skip.textContent = 'Vai al contenuto';
  document.body.prepend(header);
  document.body.prepend(skip);
  header.querySelector('#logout')?.addEventListener('click', async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    location.assign('/ui/login');
  });
  if (title) document.title = `${title} – Lavoro agile`;
  return me;
}
