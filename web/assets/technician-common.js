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
