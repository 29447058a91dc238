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

// The warranties do not depend on a year's target: they load on their own, so the section is never an empty box.
try {
  const w = await api('/api/v1/inventory/warranties');
  document.getElementById('warranties').replaceChildren(
    table(
      'Garanzie in scadenza',
      [
        ['CIG', (r) => r.cig],
        ['Fornitore', (r) => r.supplier],
        ['Modello', (r) => `${KIND_LABELS[r.kind] || r.kind} ${r.model}`],
        ['Fine garanzia', (r) => fmtDate(r.warrantyEndsOn)],
        ['Ancora in servizio', (r) => r.assetsInService, { num: true }],
      ],
      w.lots,
      { empty: `Nessuna garanzia in scadenza tra il ${fmtDate(w.from)} e il ${fmtDate(w.to)}.` },
    ),
  );
} catch (err) {
  document.getElementById('warranties').replaceChildren(el('p', { class: 'muted', text: `Garanzie non disponibili: ${errorText(err)}` }));
}

const form = /** @type {NamedForm} */ (document.getElementById('plan-form'));
const planBox = document.getElementById('plan');
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
    planBox.replaceChildren(
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
  } catch (err) {
    if (err.code === 'TARGET_NOT_FOUND') {
      // Not an error of the page: the year simply has no target yet (config/kpi-targets.tsv is the RTD's).
      const y = err.details?.year ?? year;
      if (y) form.elements.year.value = String(y);
      /** @type {number[]} */
      const years = err.details?.yearsWithTarget ?? [];
      planBox.replaceChildren(
        el(
          'p',
          {},
          el('span', { class: 'badge', text: `Nessun obiettivo per l'anno ${y}` }),
          ` Il fabbisogno di portatili non si calcola senza obiettivo. ${years.length ? `Anni con un obiettivo: ${years.join(', ')}.` : 'Nessun anno ha ancora un obiettivo.'}`,
        ),
      );
      return;
    }
    planBox.replaceChildren();
    formError(form, err);
  }
}
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  plan(form.elements.year.value.trim());
});
await plan('');
