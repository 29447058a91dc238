import { createHash } from 'node:crypto';
import { AgreementLifecycleService } from '../../src/agreements/agreement-lifecycle.service';
import { AgreementSigningService } from '../../src/agreements/agreement-signing.service';
import { AgreementsService } from '../../src/agreements/agreements.service';
import { safetyNoticeStatus } from '../../src/agreements/domain/safety-notice.policy';
import { Population } from './population';
import { DemoEvent } from './timeline';
import { DemoInventory } from './demo-inventory';
import { ADMIN, AgreementRow, HR, MARK } from './demo-state';

/** SHA-256 of a short text: stands for the signed agreement document's hash. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Demo step: agreements signed under the two-person rule, and the yearly safety notice. */
export class DemoAgreements extends DemoInventory {
  protected async loadAgreements(): Promise<void> {
    const rows = await this.query<{
      id: string;
      employee_id: string;
      start_date: string;
      end_date: string | null;
      safety_notice_delivered_on: string | null;
      withdrawal_effective_date: string | null;
    }>(`SELECT id, employee_id, start_date, end_date, safety_notice_delivered_on, withdrawal_effective_date FROM agreements ORDER BY start_date`);
    for (const r of rows) {
      const person = this.personOf.get(r.employee_id);
      if (!person) continue;
      const list = this.agreementsOf.get(person) ?? [];
      list.push({
        id: r.id,
        start: r.start_date,
        end: r.end_date,
        safetyNotice: r.safety_notice_delivered_on,
        withdrawn: r.withdrawal_effective_date !== null,
      });
      this.agreementsOf.set(person, list);
    }
  }

  protected async agreement(e: Extract<DemoEvent, { type: 'agreement' }>, people: Population['people']): Promise<void> {
    if ((this.agreementsOf.get(e.person) ?? []).some((a) => a.start === e.startDate)) return;
    const p = people[e.person - 1];
    const employeeId = this.employeeId.get(e.person)!;
    const serviceId = (await this.query<{ service_id: string }>(`SELECT service_id FROM employees WHERE id = $1`, [employeeId]))[0].service_id;
    const manager = this.managerOf.get(serviceId);
    const signer = p.isManager || !manager || manager === employeeId ? this.directorGeneralId : manager;
    const records = this.app.get(AgreementsService);
    const signing = this.app.get(AgreementSigningService);
    const created = await records.create(HR, {
      employeeId,
      startDate: e.startDate,
      endDate: e.endDate ?? undefined,
      remoteDaysPerWeek: e.remoteDays,
      places: ['domicilio del dipendente'],
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità, nei giorni festivi e durante le ferie.',
      toolsProvided: ['PC portatile', 'accesso VPN', 'cuffie con microfono'],
      objectives: `Obiettivi del servizio concordati con il dirigente (${MARK} ${e.key}).`,
      resultsMonitoring: 'Resoconto mensile delle attività svolte al dirigente.',
      safetyNoticeDeliveredOn: e.startDate,
    });
    const hash = sha256(`accordo ${e.key} ${p.employeeNumber}`);
    // HR records both signatures from the signed paper; the admin, a second person, confirms the countersignature.
    await signing.sign(HR, created.id, { party: 'employee', signerEmployeeId: employeeId, documentSha256: hash });
    await signing.sign(HR, created.id, { party: 'manager', signerEmployeeId: signer, documentSha256: hash, documentReference: `${MARK}: accordo ${e.key}` });
    await signing.confirmCountersignature(ADMIN, created.id, { note: `${MARK}: originale cartaceo verificato` });
    const list = this.agreementsOf.get(e.person) ?? [];
    list.push({ id: created.id, start: e.startDate, end: e.endDate, safetyNotice: e.startDate, withdrawn: false });
    this.agreementsOf.set(e.person, list);
    this.count('agreements');
  }

  protected agreementOn(person: number, date: string): AgreementRow | undefined {
    return (this.agreementsOf.get(person) ?? []).filter((a) => a.start <= date && (a.end === null || date <= a.end)).at(-1);
  }

  /** The gate wants a safety notice less than 12 months old: re-deliver it when due (as HR does every year). */
  protected async freshSafetyNotice(person: number, date: string): Promise<void> {
    const a = this.agreementOn(person, date);
    if (!a) return;
    if (safetyNoticeStatus(a.safetyNotice, date).status === 'valid') return;
    await this.app.get(AgreementLifecycleService).recordSafetyNotice(HR, a.id, { deliveredOn: date });
    a.safetyNotice = date;
    this.count('safety notices');
  }
}
