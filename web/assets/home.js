// @ts-check
import { navigation, renderLayout } from './layout.js';

await renderLayout('Inizio');
const list = document.getElementById('pages');
for (const page of (await navigation()).main.filter((p) => p.href !== '/ui')) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = page.href;
  a.textContent = page.label;
  li.appendChild(a);
  list.appendChild(li);
}
if (!list.children.length) list.innerHTML = "<li>Il tuo ruolo usa l'API: vedi la documentazione.</li>";
