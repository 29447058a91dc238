import { PAGES, renderLayout } from './layout.js';

const me = await renderLayout('Inizio');
const list = document.getElementById('pages');
for (const page of PAGES.filter((p) => p.href !== '/ui' && p.roles.includes(me.role))) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = page.href;
  a.textContent = page.label;
  li.appendChild(a);
  list.appendChild(li);
}
if (!list.children.length) list.innerHTML = '<li>Il tuo ruolo usa l\'API: vedi la documentazione.</li>';
