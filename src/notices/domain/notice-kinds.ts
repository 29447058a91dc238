/**
 * The e-mail notices (issue 15), who receives each, and the facts each needs. Facts are plain values (dates as
 * YYYY-MM-DD, names): never a key, a token, a password or a profile's content. A notice is identified by its kind
 * and a stable key (the agreement id, the account id, an item and a day): that pair is sent at most once.
 */
export const NOTICE_KINDS = [
  'agreement-ready',
  'agreement-signed',
  'vpn-profile-ready',
  'safety-notice-due',
  'return-opened',
  'return-overdue',
  'certificate-expiring',
  'withdrawal-notice',
  'crl-failing',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** `employee`: the employee the notice is about; `manager`: the active managers of their service; the rest: configured addresses. */
export type RecipientRole = 'employee' | 'manager' | 'hotline' | 'hr' | 'technicians' | 'admins';

export const NOTICE_RECIPIENTS: Record<NoticeKind, readonly RecipientRole[]> = {
  'agreement-ready': ['employee', 'manager'],
  'agreement-signed': ['hotline'],
  'vpn-profile-ready': ['employee'],
  'safety-notice-due': ['hr', 'employee'],
  'return-opened': ['employee', 'technicians'],
  'return-overdue': ['employee', 'technicians'],
  'certificate-expiring': ['hotline', 'employee'],
  'withdrawal-notice': ['employee', 'manager'],
  'crl-failing': ['admins'],
};

export interface NoticeFacts {
  'agreement-ready': { startDate: string; remoteDaysPerWeek: number };
  'agreement-signed': { startDate: string; endDate: string | null; remoteDaysPerWeek: number };
  'vpn-profile-ready': { profile: string; notAfter: string | null };
  'safety-notice-due': { dueDate: string };
  'return-opened': { dueDate: string; items: string[] };
  'return-overdue': { dueDate: string; items: string[] };
  'certificate-expiring': { notAfter: string; serialNumber: string };
  'withdrawal-notice': { noticeDate: string; effectiveDate: string; initiatedBy: 'employee' | 'employer' };
  'crl-failing': { lastAttemptAt: string; lastPublishedAt: string | null; nextUpdate: string | null };
}

/** What the templates know of the employee a notice is about (read from the directory when it is recorded). */
export interface NoticeEmployee {
  firstName: string;
  lastName: string;
  employeeNumber: string;
  serviceName: string;
}

/** A notice as a hook asks for it; `employeeId` is required for the kinds that name an employee. */
export interface NoticeRequest<K extends NoticeKind = NoticeKind> {
  kind: K;
  key: string;
  employeeId?: string;
  facts: NoticeFacts[K];
}

/** The job payload: everything the sender needs, so a late retry sends what was true when it happened. */
export interface NoticePayload<K extends NoticeKind = NoticeKind> {
  kind: K;
  key: string;
  to: string[];
  employee: NoticeEmployee | null;
  facts: NoticeFacts[K];
}

const KEY = /^[A-Za-z0-9._-]{1,150}$/;

/** The stable job id (and `notices_sent` key) of a notice: a notice recorded twice is one job, sent once. */
export function noticeId(kind: NoticeKind, key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid notice key "${key}": use letters, digits, '.', '_' or '-'`);
  return `notice-${kind}-${key}`;
}

/** The configured addresses by role, and the people's own; duplicates and missing addresses left out. */
export function recipientsOf(
  kind: NoticeKind,
  people: { employee: string | null; managers: string[] },
  addresses: Partial<Record<'hotline' | 'hr' | 'technicians' | 'admins', string>>,
): string[] {
  const out: string[] = [];
  for (const role of NOTICE_RECIPIENTS[kind]) {
    if (role === 'employee') out.push(people.employee ?? '');
    else if (role === 'manager') out.push(...people.managers);
    else out.push(addresses[role] ?? '');
  }
  const seen = new Set<string>();
  return out.filter((a) => {
    const k = a.trim().toLowerCase();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function needsEmployee(kind: NoticeKind): boolean {
  return NOTICE_RECIPIENTS[kind].some((r) => r === 'employee' || r === 'manager') || kind === 'agreement-signed';
}
