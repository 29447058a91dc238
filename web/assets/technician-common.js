// @ts-check
// The technicians' page start-up: header, and the sections bar from the server's list (src/operator-pages/operator-pages.ts).
import { navigation, renderLayout } from './layout.js';
import { renderSections } from './operator-common.js';

/**
 * Header, navigation and the sections bar; resolves to the signed-in user.
 * @param {string} key the page's key in operator-pages.ts (TECHNICIAN_PAGES)
 * @param {string} title
 */
export async function startTechnicianPage(key, title) {
  const me = await renderLayout(title);
  renderSections((await navigation()).areas.find((a) => a.area === 'technician')?.sections ?? [], key);
  return me;
}

/**
 * Asks before the page is left (reload, another page, the tab closed) while `pending()` says scanned work is
 * not confirmed yet; nothing once it is. The browser shows its own wording: the event allows no custom text.
 * @param {() => boolean} pending
 */
export function guardUnsaved(pending) {
  window.addEventListener('beforeunload', (ev) => {
    if (!pending()) return;
    ev.preventDefault();
    // Chromium and older browsers still look at returnValue.
    ev.returnValue = '';
  });
}
