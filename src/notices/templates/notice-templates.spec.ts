import { NOTICE_KINDS, NoticeFacts, NoticeKind } from '../domain/notice-kinds';
import { italianDate, italianDateTime, renderNotice } from './notice-templates';

const ctx = {
  municipality: 'Comune di Prato',
  timeZone: 'Europe/Rome',
  employee: { firstName: 'Giulia', lastName: "D'Amico", employeeNumber: 'M0042', serviceName: 'Servizi <demografici>' },
};

const FACTS: { [K in NoticeKind]: NoticeFacts[K] } = {
  'agreement-ready': { startDate: '2026-04-01', remoteDaysPerWeek: 2 },
  'agreement-signed': { startDate: '2026-04-01', endDate: null, remoteDaysPerWeek: 2 },
  'vpn-profile-ready': { profile: 'dipendenti', notAfter: '2027-03-10T09:00:00.000Z' },
  'safety-notice-due': { dueDate: '2026-04-09' },
  'return-opened': { dueDate: '2026-04-24', items: ['INV-0000001', 'INV-0000002'] },
  'return-overdue': { dueDate: '2026-04-24', items: ['INV-0000001'] },
  'certificate-expiring': { notAfter: '2026-04-09T10:00:00.000Z', serialNumber: '1A2B3C' },
  'withdrawal-notice': { noticeDate: '2026-03-10', effectiveDate: '2026-04-09', initiatedBy: 'employer' },
  'crl-failing': { lastAttemptAt: '2026-03-10T08:15:00.000Z', lastPublishedAt: '2026-03-09T23:00:00.000Z', nextUpdate: '2026-03-16T23:00:00.000Z' },
};

describe('notice templates (Italian, gg/mm/aaaa)', () => {
  it('formats dates and instants the Italian way', () => {
    expect(italianDate('2026-03-01')).toBe('01/03/2026');
    expect(italianDate('2027-03-10T09:00:00.000Z')).toBe('10/03/2027');
    expect(italianDateTime('2026-03-10T08:15:00.000Z', 'Europe/Rome')).toBe('10/03/2026 09:15');
  });

  it.each(NOTICE_KINDS.map((k) => [k]))('%s: a subject, an Italian text with the dates as gg/mm/aaaa and the same text as HTML', (kind) => {
    const mail = renderNotice(kind, FACTS[kind], ctx);
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.text).toContain('Comune di Prato');
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no ISO date left
    expect(mail.text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(mail.html).toMatch(/^<!doctype html><html lang="it">/);
    expect(mail.html).not.toContain('<demografici>'); // escaped
  });

  it('says what each notice is about', () => {
    expect(renderNotice('agreement-signed', FACTS['agreement-signed'], ctx).text).toContain('scadenza: a tempo indeterminato');
    expect(renderNotice('withdrawal-notice', FACTS['withdrawal-notice'], ctx)).toMatchObject({
      subject: "Recesso dall'accordo di lavoro agile con effetto dal 09/04/2026: Giulia D'Amico",
    });
    expect(renderNotice('withdrawal-notice', FACTS['withdrawal-notice'], ctx).text).toContain("su iniziativa dell'amministrazione");
    expect(renderNotice('return-opened', FACTS['return-opened'], ctx).text).toContain('INV-0000001, INV-0000002');
    expect(renderNotice('vpn-profile-ready', FACTS['vpn-profile-ready'], ctx).text).toContain('valido fino al 10/03/2027');
    expect(renderNotice('crl-failing', FACTS['crl-failing'], ctx).text).toContain('fino al 17/03/2026 00:00');
    expect(renderNotice('withdrawal-notice', { ...FACTS['withdrawal-notice'], effectiveDate: '2026-03-10' }, ctx).text).toContain("L'accordo è cessato.");
  });
});
