/**
 * The operator pages: one HTML shell per step of the technicians' and hot-line staff's day (SPEC §1). The
 * shells hold no data and no rules: their scripts call the JSON API with the session cookie, so a page can
 * never do what the API would refuse. Paths are listed here once, so the controllers, the in-page navigation
 * and the tests agree.
 */
export interface OperatorPage {
  /** path under /ui */
  path: string;
  /** file in web/ */
  file: string;
  /** label in the in-page navigation (Italian) */
  label: string;
}

export const TECHNICIAN_PAGES = {
  home: { path: 'technician', file: 'technician.html', label: 'Riepilogo' },
  lots: { path: 'technician/lots', file: 'technician-lots.html', label: 'Lotti' },
  receive: { path: 'technician/receive', file: 'technician-receive.html', label: 'Ricezione' },
  labels: { path: 'technician/labels', file: 'technician-labels.html', label: 'Etichette' },
  assets: { path: 'technician/assets', file: 'technician-assets.html', label: 'Cerca dispositivi' },
  employee: { path: 'technician/employee', file: 'technician-employee.html', label: 'Dipendente' },
  handover: { path: 'technician/handover', file: 'technician-handover.html', label: 'Consegna kit' },
  returns: { path: 'technician/return', file: 'technician-return.html', label: 'Rientro' },
  report: { path: 'technician/report', file: 'technician-report.html', label: 'Segnalazioni' },
  stock: { path: 'technician/stock', file: 'technician-stock.html', label: 'Scorte' },
  tasks: { path: 'technician/tasks', file: 'technician-tasks.html', label: 'Restituzioni scadute' },
} as const satisfies Record<string, OperatorPage>;

export const HOTLINE_PAGES = {
  queue: { path: 'hotline', file: 'hotline.html', label: 'Coda attivazioni' },
  account: { path: 'hotline/account', file: 'hotline-account.html', label: 'Account VPN' },
  certificates: { path: 'hotline/certificates', file: 'hotline-certificates.html', label: 'Certificati e CRL' },
} as const satisfies Record<string, OperatorPage>;

/** Human resources: agreements from draft to signature, withdrawals, suspensions, safety notices (issue 15). */
export const HR_PAGES = {
  agreements: { path: 'hr', file: 'hr.html', label: 'Accordi di lavoro agile' },
} as const satisfies Record<string, OperatorPage>;

/** Managers (dirigenti): their service's people, eligibility, countersignatures, VPN requests to approve. */
export const MANAGER_PAGES = {
  team: { path: 'manager', file: 'manager.html', label: 'Il mio servizio' },
} as const satisfies Record<string, OperatorPage>;

/** Employees: their own agreement, devices, VPN account and safety notice (role `employee`, own records only). */
export const EMPLOYEE_PAGES = {
  me: { path: 'me', file: 'me.html', label: 'La mia situazione' },
} as const satisfies Record<string, OperatorPage>;
