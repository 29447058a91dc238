// @ts-check
import { api } from './api.js';
import { KIND_LABELS, clearErrors, el, errorText, fmtDate, fmtEuro, formError, setAlert, table } from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('lots', 'Lotti');

const lotForm = /** @type {NamedForm} */ (document.getElementById('lot-form'));
const modelSelect = /** @type {HTMLSelectElement} */ (document.getElementById('modelId'));
const modelForm = /** @type {NamedForm} */ (document.getElementById('model-form'));
const lotResult = document.getElementById('lot-result');
const pageError = document.getElementById('page-error');

for (const [k, label] of Object.entries(KIND_LABELS)) document.getElementById('kind').append(el('option', { value: k, text: label }));

/** @param {string} [selected] the model to select */
async function loadModels(selected) {
  const models = await api('/api/v1/models');
  modelSelect.replaceChildren(el('option', { value: '', text: '– scegli –' }));
  for (const m of models) modelSelect.append(el('option', { value: m.id, text: `${KIND_LABELS[m.kind] || m.kind} – ${m.manufacturer} ${m.model}` }));
  if (selected) modelSelect.value = selected;
}

/**
 * "699,00" or "699.00" → 69900 cents; anything else goes to the API as typed, which names the problem.
 * @param {string} text
 */
function cents(text) {
  const t = text.trim().replace(/\s|€/g, '');
  if (/^\d+([.,]\d{1,2})?$/.test(t)) return Math.round(Number(t.replace(',', '.')) * 100);
  return t === '' ? undefined : t;
}

/** @param {string} text */
function intOrRaw(text) {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** @param {string} text */
function optional(text) {
  const t = text.trim();
  return t === '' ? undefined : t;
}

lotForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(lotForm);
  lotResult.replaceChildren();
  const f = lotForm.elements;
  const body = {
    modelId: f.modelId.value || undefined,
    supplier: optional(f.supplier.value),
    consipConvention: optional(f.consipConvention.value),
    consipLot: optional(f.consipLot.value),
    cig: optional(f.cig.value),
    orderNumber: optional(f.orderNumber.value),
    orderDate: optional(f.orderDate.value),
    deliveryDate: optional(f.deliveryDate.value),
    quantity: intOrRaw(f.quantity.value),
    unitPriceCents: cents(f.unitPriceCents.value),
    warrantyMonths: intOrRaw(f.warrantyMonths.value),
    overrideReason: optional(f.overrideReason.value),
    notes: optional(f.notes.value),
  };
  try {
    const res = await api('/api/v1/lots', { method: 'POST', body });
    const lot = res.lot;
    const box = el('div', { class: 'alert ok', tabindex: '-1', role: 'status' });
    box.append(
      el('p', {
        text: `Lotto registrato: CIG ${lot.cig}, ordine ${lot.orderNumber}, ${lot.quantity} × ${lot.manufacturer} ${lot.model} (${fmtEuro(lot.totalCents)}).`,
      }),
      ...res.warnings.map((/** @type {{ code: string, message: string }} */ w) => el('p', { text: `Attenzione: ${w.message} (${w.code})` })),
      el('p', {}, el('a', { href: `/ui/technician/receive?lot=${lot.id}`, text: 'Ricevi ora i dispositivi di questo lotto' })),
    );
    lotResult.append(box);
    box.focus();
    lotForm.reset();
    await loadLots(true);
  } catch (err) {
    formError(lotForm, err);
  }
});

modelForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(modelForm);
  const f = modelForm.elements;
  try {
    const m = await api('/api/v1/models', {
      method: 'POST',
      body: { kind: f.kind.value, manufacturer: f.manufacturer.value.trim(), model: f.model.value.trim() },
    });
    await loadModels(m.id);
    modelForm.reset();
    /** @type {HTMLDetailsElement} */ (document.getElementById('model-box')).open = false;
    modelSelect.focus();
  } catch (err) {
    formError(modelForm, err);
  }
});

// ---- list ----
const lotsBox = document.getElementById('lots');
const more = document.getElementById('more');
const openOnly = /** @type {HTMLInputElement} */ (document.getElementById('open-only'));
/** @type {string | null} */
let cursor = null;
/** @type {any[]} lots as the API lists them */
let rows = [];

function lotTable() {
  return table(
    'Lotti: ricevuti rispetto agli ordinati',
    [
      ['CIG', (l) => l.cig],
      ['Ordine', (l) => `${l.orderNumber} del ${fmtDate(l.orderDate)}`],
      ['Fornitore', (l) => l.supplier],
      ['Modello', (l) => `${KIND_LABELS[l.kind] || l.kind} – ${l.manufacturer} ${l.model}`],
      ['Ordinati', (l) => l.quantity, { num: true }],
      ['Ricevuti', (l) => l.received, { num: true }],
      [
        'Mancanti',
        (l) => (l.outstanding ? el('span', { class: 'badge warn', text: String(l.outstanding) }) : el('span', { class: 'badge ok', text: 'completo' })),
        { num: true },
      ],
      ['Consegna', (l) => fmtDate(l.deliveryDate)],
      [
        'Azioni',
        (l) =>
          el(
            'span',
            {},
            l.outstanding
              ? el('a', { href: `/ui/technician/receive?lot=${l.id}`, 'aria-label': `Ricevi il lotto ${l.cig} ${l.orderNumber}`, text: 'Ricevi' })
              : '',
            l.outstanding && l.received ? ' · ' : '',
            l.received
              ? el('a', { href: `/ui/technician/labels?lot=${l.id}`, 'aria-label': `Etichette del lotto ${l.cig} ${l.orderNumber}`, text: 'Etichette' })
              : '',
          ),
      ],
    ],
    rows,
    { empty: 'Nessun lotto.' },
  );
}

/** @param {boolean} reset */
async function loadLots(reset) {
  if (reset) {
    cursor = null;
    rows = [];
  }
  const qs = new URLSearchParams({ limit: '50' });
  if (openOnly.checked) qs.set('open', 'true');
  if (cursor) qs.set('cursor', cursor);
  try {
    const page = await api(`/api/v1/lots?${qs}`);
    rows = rows.concat(page.items);
    cursor = page.nextCursor;
    lotsBox.replaceChildren(lotTable());
    more.hidden = !cursor;
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
}

document.getElementById('filter-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  loadLots(true);
});
more.addEventListener('click', () => loadLots(false));

try {
  await loadModels();
} catch (err) {
  setAlert(pageError, 'error', errorText(err));
}
await loadLots(true);
