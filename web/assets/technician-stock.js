// @ts-check
import { api } from './api.js';
import { KIND_LABELS, clearErrors, el, errorText, fmtDate, formError, setAlert, table } from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('stock', 'Scorte e fabbisogno');

/** @typedef {{ kind: string, manufacturer?: string, model?: string, inStock: number, assigned: number, inRepair: number }} StockRow */
/** @type {import('./operator-common.js').Column<StockRow>[]} */
const counts = [
  ['In magazzino', (r) => r.inStock, { num: true }],
  ['Assegnati', (r) => r.assigned, { num: true }],
  ['In riparazione', (r) => r.inRepair, { num: true }],
];

try {
  const stock = await api('/api/v1/inventory/stock');
  document
    .getElementById('by-kind')
    .replaceChildren(
      table('Dispositivi per tipo', [['Tipo', (r) => KIND_LABELS[r.kind] || r.kind], ...counts], stock.byKind, { empty: 'Nessun dispositivo registrato.' }),
    );
  document
    .getElementById('by-model')
    .replaceChildren(
      table(
        'Dispositivi per modello',
        [['Tipo', (r) => KIND_LABELS[r.kind] || r.kind], ['Modello', (r) => `${r.manufacturer} ${r.model}`], ...counts],
        stock.byModel,
        { empty: 'Nessun dispositivo registrato.' },
      ),
    );
} catch (err) {
  setAlert(document.getElementById('page-error'), 'error', errorText(err), { focus: true });
}

const form = /** @type {NamedForm} */ (document.getElementById('plan-form'));
/** @param {string} year */
async function plan(year) {
  clearErrors(form);
  try {
    const p = await api(`/api/v1/inventory/planning${year ? `?year=${encodeURIComponent(year)}` : ''}`);
    form.elements.year.value = p.year;
    const needed =
      p.laptopsNeeded > 0
        ? el('span', { class: 'badge warn', text: `da ordinare: ${p.laptopsNeeded}` })
        : el('span', { class: 'badge ok', text: 'nessun riordino necessario' });
    document
      .getElementById('plan')
      .replaceChildren(
        el(
          'p',
          {},
          `Obiettivo ${p.year}: ${p.target} portatili per il lavoro agile${p.baseline !== null ? ` (base ${p.baselineYear}: ${p.baseline})` : ''}. `,
          needed,
        ),
        el(
          'ul',
          {},
          el('li', { text: `Assegnati a dipendenti: ${p.laptopsAssigned}` }),
          el('li', { text: `In magazzino: ${p.laptopsInStock}` }),
          el('li', { text: `In riparazione (non conteggiati): ${p.laptopsInRepair}` }),
          el('li', { text: `Calcolo: ${p.formula} (alla data ${fmtDate(p.today)})` }),
        ),
      );
    document.getElementById('warranties').replaceChildren(
      table(
        'Garanzie in scadenza',
        [
          ['CIG', (w) => w.cig],
          ['Fornitore', (w) => w.supplier],
          ['Modello', (w) => `${KIND_LABELS[w.kind] || w.kind} ${w.model}`],
          ['Fine garanzia', (w) => fmtDate(w.warrantyEndsOn)],
          ['Ancora in servizio', (w) => w.assetsInService, { num: true }],
        ],
        p.warrantiesEnding,
        { empty: 'Nessuna garanzia in scadenza nei prossimi 90 giorni.' },
      ),
    );
  } catch (err) {
    formError(form, err);
  }
}
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  plan(form.elements.year.value.trim());
});
await plan('');
