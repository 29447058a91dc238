// The hot-line's sections (the same list as src/operator-pages/operator-pages.ts) and the page start-up.
import { renderLayout } from './layout.js';
import { el, renderSections } from './operator-common.js';

export const HOTLINE_SECTIONS = [
  { key: 'queue', href: '/ui/hotline', label: 'Coda attivazioni' },
  { key: 'certificates', href: '/ui/hotline/certificates', label: 'Certificati in scadenza e CRL' },
];

export async function startHotlinePage(key, title) {
  const me = await renderLayout(title);
  renderSections(HOTLINE_SECTIONS, key);
  return me;
}

/** A file offered to the browser from data already in the page (the .p12 from base64, the .ovpn text). */
export function saveBlob(blob, fileName) {
  const a = el('a', { href: URL.createObjectURL(blob), download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function base64ToBytes(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
