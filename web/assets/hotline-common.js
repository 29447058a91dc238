// @ts-check
// The hot-line's page start-up: header, and the sections bar from the server's list (src/operator-pages/operator-pages.ts).
import { navigation, renderLayout } from './layout.js';
import { el, renderSections } from './operator-common.js';

/**
 * @param {string} key the page's key in operator-pages.ts (HOTLINE_PAGES)
 * @param {string} title
 */
export async function startHotlinePage(key, title) {
  const me = await renderLayout(title);
  renderSections((await navigation()).areas.find((a) => a.area === 'hotline')?.sections ?? [], key);
  return me;
}

/**
 * A file offered to the browser from data already in the page (the .p12 from base64, the .ovpn text).
 * @param {Blob} blob
 * @param {string} fileName
 */
export function saveBlob(blob, fileName) {
  const a = el('a', { href: URL.createObjectURL(blob), download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** @param {string} b64 */
export function base64ToBytes(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
