// @ts-check
import { api } from './api.js';
import {
  ASSET_STATE_LABELS,
  KIND_LABELS,
  el,
  employeeById,
  employeeName,
  errorText,
  fieldMessage,
  findAssetByCode,
  onScan,
  setAlert,
} from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('home', 'Tecnici');

const cards = document.getElementById('cards');
/**
 * @param {string} label
 * @param {string | number} value
 * @param {string} [href]
 */
function card(label, value, href) {
  return el('div', { class: 'card' }, el('div', { class: 'value', text: value }), el('div', { class: 'label' }, href ? el('a', { href, text: label }) : label));
}

/** @param {string} path */
async function count(path) {
  const page = await api(path);
  return page.items.length + (page.nextCursor ? '+' : '');
}

try {
  const [openLots, overdue, stock] = await Promise.all([
    count('/api/v1/lots?open=true&limit=500'),
    count('/api/v1/return-tasks?status=overdue&limit=500'),
    api('/api/v1/inventory/stock?kind=laptop'),
  ]);
  const laptops = stock.byKind.find((/** @type {{ kind: string }} */ k) => k.kind === 'laptop');
  cards.append(
    card('Lotti ancora da ricevere', openLots, '/ui/technician/lots'),
    card('Restituzioni scadute', overdue, '/ui/technician/tasks'),
    card('Portatili in magazzino', laptops ? laptops.inStock : 0, '/ui/technician/stock'),
    card('Portatili in riparazione', laptops ? laptops.inRepair : 0, '/ui/technician/stock'),
  );
} catch (err) {
  setAlert(document.getElementById('page-error'), 'error', errorText(err));
}

const form = /** @type {HTMLFormElement} */ (document.getElementById('find-form'));
const input = /** @type {HTMLInputElement} */ (document.getElementById('find-code'));
const result = document.getElementById('find-result');
onScan(form, input, async (code) => {
  result.replaceChildren();
  try {
    const asset = await findAssetByCode(code);
    if (!asset) {
      fieldMessage(input, `Nessun dispositivo con etichetta o numero di serie “${code}”.`);
      return;
    }
    fieldMessage(input, null);
    const holder = await employeeById(asset.holderEmployeeId);
    /** @type {(Node | string)[]} */
    const links = [el('a', { href: `/ui/technician/report?asset=${asset.id}`, text: 'Segnala' })];
    if (asset.currentHandoverId) links.unshift(el('a', { href: `/ui/technician/return?asset=${asset.id}`, text: 'Fai rientrare' }), ' · ');
    else links.unshift(el('a', { href: `/ui/technician/assets?q=${encodeURIComponent(asset.assetTag)}`, text: 'Dettagli' }), ' · ');
    result.append(
      el(
        'p',
        {},
        el('strong', { text: asset.assetTag }),
        ` – ${KIND_LABELS[asset.kind] || asset.kind} ${asset.manufacturer} ${asset.model}, serie ${asset.serial}: `,
        el('span', { class: 'badge', text: ASSET_STATE_LABELS[asset.state] || asset.state }),
        holder ? ` – in consegna a ${employeeName(holder)}` : '',
      ),
      el('p', {}, ...links),
    );
  } catch (err) {
    fieldMessage(input, errorText(err));
  }
});
input.focus();
