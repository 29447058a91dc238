// @ts-check
import { api, download } from './api.js';
import {
  CONDITION_LABELS,
  KIND_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  errorText,
  fieldMessage,
  findAssetByCode,
  fmtDate,
  formError,
  onScan,
  param,
  setAlert,
} from './operator-common.js';
import { guardUnsaved, startTechnicianPage } from './technician-common.js';

await startTechnicianPage('returns', 'Rientro');

const pageError = document.getElementById('page-error');
const codeInput = /** @type {HTMLInputElement} */ (document.getElementById('code'));
const section = document.getElementById('handover');
const form = /** @type {NamedForm} */ (document.getElementById('return-form'));
const itemsBox = document.getElementById('items');
/**
 * @typedef {{ assetId: string, assetTag: string, kind: string, manufacturer: string, model: string, serial: string,
 *   closedReason: string | null }} HandoverItem
 */
/** @type {any} the handover as the API answered it */
let handover = null;
/** @type {any} the API's answer to the return */
let result = null;

// Items marked as coming back and the return not registered yet: leaving the page would lose them.
guardUnsaved(() => Boolean(handover) && !result && Boolean(itemsBox.querySelector('[data-role="back"]:checked')));

/**
 * One fieldset per item still out: comes back?, condition, note, and the data-wipe confirmation.
 * @param {HandoverItem} item
 * @param {number} index
 * @param {boolean} checked
 */
function itemFieldset(item, index, checked) {
  const p = `item-${index}`;
  const fs = el('fieldset', { 'data-asset': item.assetId });
  fs.append(
    el('legend', { text: `${item.assetTag} – ${KIND_LABELS[item.kind] || item.kind} ${item.manufacturer} ${item.model} (S/N ${item.serial})` }),
    el('div', { class: 'field' }, el('label', {}, el('input', { type: 'checkbox', id: `${p}-back`, 'data-role': 'back', checked }), ' Rientra adesso')),
  );
  const condition = el('select', { id: `${p}-condition`, 'data-role': 'condition' });
  for (const [k, v] of Object.entries(CONDITION_LABELS)) condition.append(el('option', { value: k, text: v }));
  fs.append(
    el(
      'div',
      { class: 'row' },
      el('div', { class: 'field' }, el('label', { for: condition.id, text: 'Condizioni' }), condition),
      el('div', { class: 'field' }, el('label', { for: `${p}-note`, text: 'Nota (facoltativa)' }), el('input', { id: `${p}-note`, 'data-role': 'note' })),
    ),
    el(
      'div',
      { class: 'row' },
      el(
        'div',
        { class: 'field' },
        el('label', { for: `${p}-wipe-method`, text: 'Cancellazione dati: metodo' }),
        el('input', { id: `${p}-wipe-method`, 'data-role': 'wipe-method', list: 'wipe-methods' }),
      ),
      el(
        'div',
        { class: 'field' },
        el('label', { for: `${p}-wipe-ref`, text: 'Riferimento o certificato (facoltativo)' }),
        el('input', { id: `${p}-wipe-ref`, 'data-role': 'wipe-ref' }),
      ),
    ),
    el(
      'div',
      { class: 'field' },
      el(
        'label',
        {},
        el('input', { type: 'checkbox', id: `${p}-wipe-ok`, 'data-role': 'wipe-ok' }),
        ' Confermo che i dati sono stati cancellati in modo sicuro e verificati',
      ),
    ),
  );
  return fs;
}

/**
 * @param {string} handoverId
 * @param {string} scannedAssetId
 */
async function open(handoverId, scannedAssetId) {
  handover = await api(`/api/v1/handovers/${handoverId}`);
  const employee = await employeeById(handover.employeeId);
  section.hidden = false;
  const title = document.getElementById('handover-title');
  title.textContent = `2. Consegna del ${fmtDate(handover.handoverDate)} a ${employee ? employeeName(employee) : handover.employeeId}`;
  /** @type {HandoverItem[]} */
  const out = handover.items.filter((/** @type {HandoverItem} */ i) => !i.closedReason);
  itemsBox.replaceChildren(...out.map((item, i) => itemFieldset(item, i, item.assetId === scannedAssetId)));
  // The scan field keeps the focus: the next items of the kit are usually scanned right away.
  codeInput.focus();
}

/** @param {string} assetId */
function mark(assetId) {
  const fs = itemsBox.querySelector(`fieldset[data-asset="${CSS.escape(assetId)}"]`);
  if (!fs) return false;
  /** @type {HTMLInputElement} */ (fs.querySelector('[data-role="back"]')).checked = true;
  return true;
}

onScan(/** @type {HTMLFormElement} */ (document.getElementById('scan-form')), codeInput, async (code) => {
  try {
    const asset = await findAssetByCode(code);
    if (!asset) return fieldMessage(codeInput, `Nessun dispositivo con etichetta o numero di serie “${code}”.`);
    if (!asset.currentHandoverId) return fieldMessage(codeInput, `${asset.assetTag} non risulta in consegna a nessuno.`);
    if (handover && asset.currentHandoverId !== handover.id) {
      return fieldMessage(codeInput, `${asset.assetTag} appartiene a un'altra consegna: registra prima questo rientro.`);
    }
    fieldMessage(codeInput, null);
    if (!handover) await open(asset.currentHandoverId, asset.id);
    else mark(asset.id);
  } catch (err) {
    fieldMessage(codeInput, errorText(err));
  }
});

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form);
  /** @type {{ assetId?: string, condition: string, note?: string }[]} */
  const items = [];
  /** @type {{ assetId?: string, method: string, confirmed: boolean, reference?: string }[]} */
  const dataWipe = [];
  for (const fs of itemsBox.querySelectorAll('fieldset')) {
    for (const n of fs.querySelectorAll('[name]')) n.removeAttribute('name');
    const q = (/** @type {string} */ role) => /** @type {HTMLInputElement} */ (fs.querySelector(`[data-role="${role}"]`));
    if (!q('back').checked) continue;
    const i = items.length;
    q('condition').name = `items.${i}.condition`;
    q('note').name = `items.${i}.note`;
    /** @type {(typeof items)[number]} */
    const item = { assetId: fs.dataset.asset, condition: q('condition').value };
    if (q('note').value.trim()) item.note = q('note').value.trim();
    items.push(item);
    const method = q('wipe-method').value.trim();
    if (method || q('wipe-ok').checked) {
      const w = dataWipe.length;
      q('wipe-method').name = `dataWipe.${w}.method`;
      q('wipe-ok').name = `dataWipe.${w}.confirmed`;
      q('wipe-ref').name = `dataWipe.${w}.reference`;
      /** @type {(typeof dataWipe)[number]} */
      const wipe = { assetId: fs.dataset.asset, method, confirmed: q('wipe-ok').checked };
      if (q('wipe-ref').value.trim()) wipe.reference = q('wipe-ref').value.trim();
      dataWipe.push(wipe);
    }
  }
  if (!items.length) {
    const box = /** @type {HTMLElement} */ (form.querySelector('[data-role="form-error"]'));
    setAlert(box, 'error', 'Scegli almeno un dispositivo che rientra.', { focus: true });
    return;
  }
  /** @type {{ items: typeof items, dataWipe?: typeof dataWipe, notes?: string }} */
  const body = { items };
  if (dataWipe.length) body.dataWipe = dataWipe;
  if (form.elements.notes.value.trim()) body.notes = form.elements.notes.value.trim();
  try {
    result = await api(`/api/v1/handovers/${handover.id}/return`, { method: 'POST', body });
    showDone();
  } catch (err) {
    formError(form, err);
    // Rules that name assets (a laptop without its wipe confirmation…): point at those items' wipe fields.
    for (const id of (err.details && err.details.assetIds) || []) {
      const fs = itemsBox.querySelector(`fieldset[data-asset="${CSS.escape(id)}"]`);
      if (!fs) continue;
      const target = /** @type {HTMLElement} */ (fs.querySelector(err.code.startsWith('DATA_WIPE') ? '[data-role="wipe-method"]' : '[data-role="back"]'));
      target.setAttribute('aria-invalid', 'true');
      const msg = el('p', { class: 'field-error', id: `${target.id}-error`, text: errorText(err) });
      target.setAttribute('aria-describedby', msg.id);
      target.insertAdjacentElement('afterend', msg);
    }
  }
});

function showDone() {
  section.hidden = true;
  document.getElementById('done').hidden = false;
  /** @type {HandoverItem[]} */
  const back = handover.items.filter((/** @type {HandoverItem} */ i) => result.return.assetIds.includes(i.assetId));
  const remaining = result.handover.outstandingCount;
  document
    .getElementById('done-body')
    .replaceChildren(
      el('p', { text: `Rientrati il ${fmtDate(result.return.returnDate)}: ${back.map((i) => i.assetTag).join(', ')}.` }),
      el('p', { text: remaining ? `Restano in consegna ${remaining} dispositivi.` : 'La consegna è chiusa: tutti i dispositivi sono rientrati.' }),
    );
  /** @type {HTMLAnchorElement} */ (document.getElementById('receipt-open')).href = result.return.receiptUrl;
  document.getElementById('done-title').focus();
}

document.getElementById('receipt').addEventListener('click', async () => {
  try {
    await download(result.return.receiptUrl, `verbale-rientro-${result.return.id}.pdf`);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
});

const presetAsset = param('asset');
if (presetAsset) {
  try {
    const a = await api(`/api/v1/assets/${encodeURIComponent(presetAsset)}`);
    if (a.currentHandoverId) await open(a.currentHandoverId, a.id);
    else fieldMessage(codeInput, `${a.assetTag} non risulta in consegna a nessuno.`);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
}
codeInput.focus();
