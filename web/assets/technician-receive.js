// @ts-check
import { api } from './api.js';
import { KIND_LABELS, clearErrors, el, errorText, fieldMessage, fmtDate, onScan, param, setAlert } from './operator-common.js';
import { guardUnsaved, startTechnicianPage } from './technician-common.js';

await startTechnicianPage('receive', 'Ricezione di un lotto');

const pageError = document.getElementById('page-error');
const lotId = param('lot');

if (!lotId) {
  // No lot in the address: pick one of the lots still expecting deliveries.
  const choose = document.getElementById('choose');
  choose.hidden = false;
  const select = /** @type {HTMLSelectElement} */ (document.getElementById('lot-select'));
  try {
    const page = await api('/api/v1/lots?open=true&limit=200');
    for (const l of page.items)
      select.append(
        el('option', { value: l.id, text: `CIG ${l.cig} · ordine ${l.orderNumber} · ${l.manufacturer} ${l.model} · ricevuti ${l.received} di ${l.quantity}` }),
      );
    if (!page.items.length) select.append(el('option', { value: '', text: 'Nessun lotto da ricevere' }));
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
  document.getElementById('choose-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (select.value) location.assign(`/ui/technician/receive?lot=${encodeURIComponent(select.value)}`);
  });
  select.focus();
} else {
  await receive(lotId);
}

/** @typedef {{ line: number, code: string, reason: string }} LineError an intake refusal of one CSV line */

/**
 * The intake rules' line codes as the scanner shows them. A scanned serial is judged by answers that succeed (the
 * serial's check, the session's dry run), whose line reasons are the API's English: the server words import lines
 * in Italian only in its error answers (a refused registration, below, shows those). Not the server's error codes.
 * @type {Record<string, string>}
 */
const SCAN_LINE_PROBLEMS = {
  DUPLICATE_IN_DATABASE: 'Già registrato',
  DUPLICATE_IN_FILE: 'Già scansionato in questa sessione',
  LOT_OVERFLOW: 'Il lotto ha già ricevuto tutti i pezzi ordinati',
  WRONG_KIND: 'Tipo di dispositivo diverso da quello del lotto',
  MALFORMED_FIELD: 'Valore non valido',
};

/** @param {string} id */
async function receive(id) {
  let lot;
  try {
    lot = await api(`/api/v1/lots/${encodeURIComponent(id)}`);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
    return;
  }
  document.getElementById('receive').hidden = false;
  document.getElementById('lot-title').textContent = `${KIND_LABELS[lot.kind] || lot.kind} ${lot.manufacturer} ${lot.model} – CIG ${lot.cig}`;
  document.getElementById('lot-meta').textContent = `Ordine ${lot.orderNumber} del ${fmtDate(lot.orderDate)}, fornitore ${lot.supplier}`;

  const input = /** @type {HTMLInputElement} */ (document.getElementById('serial'));
  const counter = document.getElementById('counter');
  const last = document.getElementById('last');
  const acceptedList = document.getElementById('accepted');
  const refusedList = document.getElementById('refused');
  const commitForm = /** @type {NamedForm} */ (document.getElementById('commit-form'));
  const commit = /** @type {HTMLButtonElement} */ (document.getElementById('commit'));
  const clear = /** @type {HTMLButtonElement} */ (document.getElementById('clear'));
  const result = document.getElementById('commit-result');
  /** @type {string[]} */
  const accepted = []; // serials as the API will store them
  let received = lot.received;
  const quantity = lot.quantity;
  // Serials scanned and not registered yet: leaving the page would lose them.
  guardUnsaved(() => accepted.length > 0);

  function render() {
    counter.textContent = `Ricevuti ${received} di ${quantity} · in questa sessione ${accepted.length} · ne mancano ${Math.max(0, quantity - received - accepted.length)}`;
    acceptedList.replaceChildren(
      ...accepted.map((s, i) => {
        const remove = el('button', { type: 'button', class: 'link', text: 'togli', 'aria-label': `Togli ${s}` });
        remove.addEventListener('click', () => {
          accepted.splice(i, 1);
          render();
          input.focus();
        });
        return el('li', { 'data-serial': s }, `${s} `, remove);
      }),
    );
    commit.disabled = accepted.length === 0;
    clear.disabled = accepted.length === 0;
    commit.textContent = accepted.length ? `Registra i ${accepted.length} dispositivi` : 'Registra i dispositivi';
  }

  /**
   * @param {string} code
   * @param {string} why
   */
  function refuse(code, why) {
    fieldMessage(input, `${code}: ${why}`);
    last.replaceChildren(el('span', { class: 'badge err', text: 'Rifiutato' }), ` ${code}`);
    refusedList.prepend(el('li', {}, el('strong', { text: code }), ` – ${why}`));
  }

  const describe = (/** @type {LineError[]} */ errors) =>
    errors.map((e) => errorText({ code: e.code, message: SCAN_LINE_PROBLEMS[e.code] ?? e.reason })).join('; ');

  /** @param {string[]} serials */
  function csv(serials) {
    const location = commitForm.elements.location.value.trim();
    const q = (/** @type {string} */ v) => `"${v.replace(/"/g, '""')}"`;
    return (location ? 'serial,location\n' : 'serial\n') + serials.map((s) => (location ? `${q(s)},${q(location)}` : q(s))).join('\n') + '\n';
  }

  // Each Enter: the API checks the serial against the lot and the database; then a dry run of the whole session
  // lets the same intake rules judge it against the serials scanned before it (repeats, the lot's remaining count).
  onScan(/** @type {HTMLFormElement} */ (document.getElementById('scan-form')), input, async (code) => {
    let check;
    try {
      check = await api(`/api/v1/lots/${lot.id}/receive/validate`, { method: 'POST', body: { serial: code } });
    } catch (err) {
      refuse(code, errorText(err));
      return;
    }
    received = check.lotReceived;
    if (!check.ok) {
      refuse(check.serial || code, describe(check.errors));
      render();
      return;
    }
    if (accepted.length) {
      const candidate = [...accepted, check.serial];
      try {
        const dry = await api(`/api/v1/assets/import?lotId=${lot.id}&dryRun=true`, {
          method: 'POST',
          body: csv(candidate),
          headers: { 'Content-Type': 'text/csv' },
        });
        received = dry.lotReceived;
        const mine = dry.errors.filter((/** @type {LineError} */ e) => e.line === candidate.length + 1);
        if (mine.length) {
          refuse(check.serial, describe(mine));
          render();
          return;
        }
      } catch (err) {
        refuse(check.serial, errorText(err));
        return;
      }
    }
    accepted.push(check.serial);
    fieldMessage(input, null);
    last.replaceChildren(el('span', { class: 'badge ok', text: 'Accettato' }), ` ${check.serial}`);
    render();
  });

  clear.addEventListener('click', () => {
    accepted.splice(0);
    render();
    input.focus();
  });

  commitForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(commitForm);
    result.replaceChildren();
    if (!accepted.length) return;
    try {
      const report = await api(`/api/v1/assets/import?lotId=${lot.id}`, { method: 'POST', body: csv(accepted), headers: { 'Content-Type': 'text/csv' } });
      received = report.lotReceived;
      const box = el(
        'div',
        { class: 'alert ok', tabindex: '-1', role: 'status' },
        el('p', {
          text: `Registrati ${report.created} dispositivi (etichette da ${report.firstAssetTag} a ${report.lastAssetTag}). Il lotto ha ricevuto ${report.lotReceived} di ${report.lotQuantity}.`,
        }),
        el(
          'p',
          {},
          el('a', {
            href: `/ui/technician/labels?lot=${lot.id}&from=${encodeURIComponent(report.firstAssetTag)}&to=${encodeURIComponent(report.lastAssetTag)}`,
            text: 'Stampa le etichette con il codice QR',
          }),
        ),
      );
      accepted.splice(0);
      refusedList.replaceChildren();
      last.replaceChildren();
      render();
      result.append(box);
      box.focus();
    } catch (err) {
      const box = /** @type {HTMLElement} */ (commitForm.querySelector('[data-role="form-error"]'));
      /** @type {LineError[]} */
      const lines = (err.details && err.details.errors) || [];
      const items = lines.map((e) => el('li', {}, `${accepted[e.line - 2] ?? ''} ${errorText({ code: e.code, message: e.reason })}`));
      setAlert(box, 'error', [el('p', { text: errorText(err) }), items.length ? el('ul', {}, ...items) : ''], { focus: true });
    }
  });

  render();
  input.focus();
}
