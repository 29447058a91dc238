import type { Role } from '../../../src/common/auth/roles';

/**
 * THE RESPONSE SHAPES, written by hand like the role matrix's policy table, not read from the decorators: for the
 * routes whose answer depends on who asks, the response schema each role that may call them gets.
 *  - special-category data (GDPR art. 9: an employee's disability status, and the withdrawal of their agreement —
 *    its basis and its length tell a disabled worker, 90 days' notice instead of 30) is for HR and admins only;
 *  - the RTD reads aggregates: the directory-sync history in counts, never the errors that name directory entries.
 * A route documented with per-role responses (`x-response-by-role`) that is not here fails the matrix.
 */
const HR = (hr: string, others: string, roles: readonly Role[]): Partial<Record<Role, string>> =>
  Object.fromEntries(roles.map((role) => [role, role === 'admin' || role === 'hr' ? hr : others]));

const AGREEMENT_READERS: Role[] = ['admin', 'hr', 'manager', 'technician', 'hotline'];
const AGREEMENT_WRITERS: Role[] = ['admin', 'hr', 'manager'];
const EMPLOYEE_READERS: Role[] = ['admin', 'hr', 'manager', 'technician', 'hotline'];

export const RESPONSE_SHAPES: Record<string, Partial<Record<Role, string>>> = {
  'GET /api/v1/employees': HR('EmployeeHrPageDto', 'EmployeePageDto', EMPLOYEE_READERS),
  'GET /api/v1/employees/:id': HR('EmployeeHrDto', 'EmployeeDto', EMPLOYEE_READERS),

  'GET /api/v1/agreements': HR('AgreementHrListDto', 'AgreementListDto', AGREEMENT_READERS),
  'GET /api/v1/agreements/:id': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_READERS),
  'POST /api/v1/agreements': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'PATCH /api/v1/agreements/:id': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'POST /api/v1/agreements/:id/sign': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'POST /api/v1/agreements/:id/countersignature/confirm': HR('AgreementHrDto', 'AgreementDto', ['admin', 'manager']),
  'POST /api/v1/agreements/:id/countersignature/reject': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'POST /api/v1/agreements/:id/withdraw': HR('AgreementHrDto', 'AgreementDto', ['admin', 'hr']),
  'POST /api/v1/agreements/:id/suspend': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'POST /api/v1/agreements/:id/resume': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),
  'POST /api/v1/agreements/:id/safety-notice': HR('AgreementHrDto', 'AgreementDto', AGREEMENT_WRITERS),

  'GET /api/v1/training/courses/:id': HR('TrainingCourseDetailDto', 'TrainingCourseDto', ['admin', 'hr', 'rtd']),

  'GET /api/v1/directory/sync-runs': { admin: 'SyncRunPageDto', rtd: 'SyncRunSummaryPageDto' },
  'GET /api/v1/directory/sync-runs/:id': { admin: 'SyncRunDto', rtd: 'SyncRunSummaryDto' },
};

/** Properties that carry special-category data or follow from it: absent from every schema a non-HR role reads. */
export const SPECIAL_CATEGORY_PROPERTIES = ['disabledWorker', 'withdrawal', 'basis', 'noticeDays', 'noticeDate'];
