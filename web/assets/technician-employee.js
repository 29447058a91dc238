// @ts-check
import { api, download } from './api.js';
import {
  ASSET_STATE_LABELS,
  HANDOVER_STATUS_LABELS,
  KIND_LABELS,
  TASK_STATUS_LABELS,
  el,
  employeeName,
  employeePicker,
  errorText,
  fmtDate,
  loadGateStatus,
  param,
  setAlert,
  table,
} from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('employee', 'Dipendente');

const pageError = document.getElementById('page-error');
const section = document.getElementById('employee');

/** @param {import('./operator-common.js').Employee} employee */
async function show(employee) {
  section.hidden = false;
  const title = document.getElementById('employee-title');
  title.textContent = employeeName(employee);
  document.getElementById('employee-meta').textContent =
    `Servizio ${employee.serviceCode} – ${employee.serviceName}${employee.username ? ` · utente ${employee.username}` : ''} · ${employee.active ? 'in servizio' : 'non in servizio'}`;
  /** @type {HTMLAnchorElement} */ (document.getElementById('handover-link')).href = `/ui/technician/handover?employee=${employee.id}`;
  history.replaceState(null, '', `?employee=${employee.id}`);
  try {
    const [, assets, handovers, tasks] = await Promise.all([
      loadGateStatus(document.getElementById('gate'), employee.id),
      api(`/api/v1/assets?employeeId=${employee.id}&limit=100`),
      api(`/api/v1/handovers?employeeId=${employee.id}&limit=50`),
      api(`/api/v1/return-tasks?employeeId=${employee.id}&limit=50`),
    ]);
    document.getElementById('assets').replaceChildren(
      table(
        'Dispositivi in consegna',
        [
          ['Etichetta', (a) => a.assetTag],
          ['Tipo', (a) => KIND_LABELS[a.kind] || a.kind],
          ['Modello', (a) => `${a.manufacturer} ${a.model}`],
          ['Numero di serie', (a) => a.serial],
          ['Stato', (a) => ASSET_STATE_LABELS[a.state] || a.state],
          ['Dal', (a) => fmtDate(a.assignedAt)],
        ],
        assets.items,
        { empty: 'Nessun dispositivo in consegna.' },
      ),
    );
    document.getElementById('handovers').replaceChildren(
      table(
        'Consegne al dipendente',
        [
          ['Data', (h) => fmtDate(h.handoverDate)],
          ['Dispositivi', (h) => h.items.map((/** @type {{ assetTag: string }} */ i) => i.assetTag).join(', ')],
          ['Stato', (h) => HANDOVER_STATUS_LABELS[h.status] || h.status],
          ['Firme', (h) => [h.employeeSignedAt ? 'dipendente' : null, h.technicianSignedAt ? 'tecnico' : null].filter(Boolean).join(' e ') || 'mancano'],
          [
            'Verbale',
            (h) => {
              const b = el('button', {
                type: 'button',
                class: 'link',
                text: 'scarica',
                'aria-label': `Scarica il verbale di consegna del ${fmtDate(h.handoverDate)}`,
              });
              b.addEventListener('click', () =>
                download(h.receiptUrl, `verbale-consegna-${h.id}.pdf`).catch((err) => setAlert(pageError, 'error', errorText(err), { focus: true })),
              );
              return b;
            },
          ],
        ],
        handovers.items,
        { empty: 'Nessuna consegna.' },
      ),
    );
    document.getElementById('tasks').replaceChildren(
      table(
        'Restituzioni',
        [
          ['Dispositivo', (t) => t.assetId],
          ['Entro il', (t) => fmtDate(t.dueDate)],
          ['Stato', (t) => TASK_STATUS_LABELS[t.status] || t.status],
          ['', (t) => (t.status === 'closed' ? '' : el('a', { href: `/ui/technician/return?asset=${t.assetId}`, text: 'Fai rientrare' }))],
        ],
        tasks.items,
        { empty: 'Nessuna restituzione richiesta.' },
      ),
    );
    await Promise.all(
      tasks.items.map(async (/** @type {{ assetId: string }} */ t, /** @type {number} */ i) => {
        const a = await api(`/api/v1/assets/${t.assetId}`).catch(() => null);
        const cell = document.querySelectorAll('#tasks tbody tr')[i]?.firstElementChild;
        if (a && cell) cell.textContent = `${a.assetTag} (${KIND_LABELS[a.kind] || a.kind})`;
      }),
    );
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
  title.focus();
}

const picker = employeePicker(document.getElementById('picker'), { idPrefix: 'employee', label: 'Cerca dipendente', onPick: show });

const id = param('employee');
if (id) {
  try {
    await show(await api(`/api/v1/employees/${encodeURIComponent(id)}`));
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
} else {
  picker.focus();
}
