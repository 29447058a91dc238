// The technicians' sections (the same list as src/operator-pages/operator-pages.ts) and the page start-up.
import { renderLayout } from './layout.js';
import { renderSections } from './operator-common.js';

export const TECHNICIAN_SECTIONS = [
  { key: 'home', href: '/ui/technician', label: 'Riepilogo' },
  { key: 'lots', href: '/ui/technician/lots', label: 'Lotti' },
  { key: 'assets', href: '/ui/technician/assets', label: 'Cerca dispositivi' },
  { key: 'employee', href: '/ui/technician/employee', label: 'Dipendente' },
  { key: 'handover', href: '/ui/technician/handover', label: 'Consegna kit' },
  { key: 'returns', href: '/ui/technician/return', label: 'Rientro' },
  { key: 'report', href: '/ui/technician/report', label: 'Segnalazioni' },
  { key: 'stock', href: '/ui/technician/stock', label: 'Scorte e fabbisogno' },
  { key: 'tasks', href: '/ui/technician/tasks', label: 'Restituzioni scadute' },
];

/** Header, navigation and the sections bar; resolves to the signed-in user. */
export async function startTechnicianPage(key, title) {
  const me = await renderLayout(title);
  renderSections(TECHNICIAN_SECTIONS, key);
  return me;
}
