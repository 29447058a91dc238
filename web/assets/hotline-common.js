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

/**
 * Asks a yes/no question in a modal <dialog> (focus moves into it, Esc cancels, focus goes back to where it was)
 * with the consequences written out. Resolves true only on the confirm button.
 * @param {{ title: string, lines: string[], confirm: string, cancel?: string, danger?: boolean }} q
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, lines, confirm, cancel = 'Annulla', danger = false }) {
  const opener = /** @type {HTMLElement | null} */ (document.activeElement);
  const titleId = `confirm-title-${Date.now()}`;
  const yes = el('button', { type: 'button', class: danger ? 'danger' : null, 'data-role': 'confirm', text: confirm });
  const no = el('button', { type: 'button', class: 'secondary', 'data-role': 'cancel', text: cancel });
  const dialog = /** @type {HTMLDialogElement} */ (
    el(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': titleId },
      el('h2', { id: titleId, text: title }),
      el('ul', {}, ...lines.map((line) => el('li', { text: line }))),
      el('p', { class: 'actions' }, no, yes),
    )
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus?.();
      resolve(answer);
    });
    dialog.showModal();
    no.focus(); // the safe choice first: Enter on a destructive question does nothing irreversible
  });
}
