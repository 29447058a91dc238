// @ts-check
// Printable labels for a lot: one sticker per asset with the asset tag as QR code (codes from the API).
import { api } from './api.js';
import { el, errorText, param, setAlert } from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('labels', 'Etichette');

const pageError = document.getElementById('page-error');
const labels = document.getElementById('labels');
const count = document.getElementById('count');
const fromInput = /** @type {HTMLInputElement} */ (document.getElementById('from'));
const toInput = /** @type {HTMLInputElement} */ (document.getElementById('to'));
fromInput.value = param('from') || '';
toInput.value = param('to') || '';

/**
 * @param {string} lotId
 * @returns {Promise<import('./operator-common.js').Asset[]>}
 */
async function allAssets(lotId) {
  /** @type {import('./operator-common.js').Asset[]} */
  const out = [];
  let cursor = null;
  do {
    const qs = new URLSearchParams({ lotId, limit: '500', sort: 'assetTag' });
    if (cursor) qs.set('cursor', cursor);
    const page = await api(`/api/v1/assets?${qs}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * @param {string[]} values
 * @returns {Promise<Map<string, string>>} the SVG of each value
 */
async function qrCodes(values) {
  const out = new Map();
  for (let i = 0; i < values.length; i += 200) {
    const res = await api('/api/v1/labels/qr-codes', { method: 'POST', body: { values: values.slice(i, i + 200) } });
    for (const c of res.codes) out.set(c.value, c.svg);
  }
  return out;
}

async function render() {
  const lotId = param('lot');
  if (!lotId) {
    setAlert(pageError, 'error', ['Nessun lotto indicato: apri le etichette dalla ', el('a', { href: '/ui/technician/lots', text: 'pagina dei lotti' }), '.']);
    return;
  }
  try {
    const [lot, methods] = await Promise.all([api(`/api/v1/lots/${encodeURIComponent(lotId)}`), api('/api/v1/auth/methods')]);
    document.getElementById('lot-meta').textContent =
      `Lotto CIG ${lot.cig}, ordine ${lot.orderNumber}: ${lot.manufacturer} ${lot.model}, ricevuti ${lot.received} di ${lot.quantity}.`;
    const from = fromInput.value.trim().toUpperCase();
    const to = toInput.value.trim().toUpperCase();
    // Tags are allocated in sequence with zero padding, so the range is a plain text comparison.
    const assets = (await allAssets(lot.id)).filter((a) => (!from || a.assetTag.toUpperCase() >= from) && (!to || a.assetTag.toUpperCase() <= to));
    const codes = assets.length ? await qrCodes(assets.map((a) => a.assetTag)) : new Map();
    labels.replaceChildren(
      ...assets.map((a) =>
        el(
          'div',
          { class: 'label' },
          el('img', { src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(codes.get(a.assetTag)), alt: `Codice QR dell'etichetta ${a.assetTag}` }),
          el(
            'div',
            {},
            el('div', { class: 'tag', text: a.assetTag }),
            el('div', { class: 'small', text: `S/N ${a.serial}` }),
            el('div', { class: 'small', text: `${a.manufacturer} ${a.model}` }),
            el('div', { class: 'small', text: methods.municipality }),
          ),
        ),
      ),
    );
    count.textContent = `${assets.length} etichette pronte per la stampa.`;
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
}

document.getElementById('range-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const qs = new URLSearchParams(location.search);
  for (const [k, v] of [
    ['from', fromInput.value.trim()],
    ['to', toInput.value.trim()],
  ])
    v ? qs.set(k, v) : qs.delete(k);
  history.replaceState(null, '', `?${qs}`);
  render();
});
document.getElementById('print').addEventListener('click', () => window.print());
await render();
