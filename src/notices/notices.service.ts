import { Injectable, Logger } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { Outbox } from '../jobs';
import { NoticeEmployee, NoticeKind, NoticePayload, NoticeRequest, needsEmployee, noticeId, recipientsOf } from './domain/notice-kinds';
import { NoticeSettings } from './notice-settings';
import './notices-jobs';

/**
 * The port other features call where something worth telling happens: `record(tx, …)` inside their own unit of
 * work, so the notice is committed with the change or not at all. It resolves the recipients (the employee's
 * address from the directory, the managers of their service, the configured addresses) and records one
 * `notice.send` job with the stable id `notice-<kind>-<key>`: recording the same notice twice yields one job.
 * With SMTP_URL unset nothing is recorded (notices are off, and switching them on later does not send old news).
 */
@Injectable()
export class Notices {
  private readonly log = new Logger('Notices');

  constructor(
    private readonly settings: NoticeSettings,
    private readonly directory: EmployeeDirectory,
    private readonly outbox: Outbox,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Returns the job id, or null when nothing was recorded (notices off, or nobody to tell). */
  async record<K extends NoticeKind>(tx: Tx, request: NoticeRequest<K>): Promise<string | null> {
    if (!this.settings.enabled) return null;
    const id = noticeId(request.kind, request.key);
    let employee: NoticeEmployee | null = null;
    let employeeEmail: string | null = null;
    let managers: string[] = [];
    if (needsEmployee(request.kind)) {
      if (!request.employeeId) throw new Error(`notice ${request.kind} needs the employee it is about`);
      const e = await this.directory.findById(request.employeeId, tx);
      if (e) {
        employee = { firstName: e.firstName, lastName: e.lastName, employeeNumber: e.employeeNumber, serviceName: e.serviceName };
        employeeEmail = e.email;
        managers = (await this.directory.managersOf(e.serviceId, tx)).filter((m) => m.id !== e.id && m.email).map((m) => m.email as string);
      }
    }
    const to = recipientsOf(request.kind, { employee: employeeEmail, managers }, this.settings.addresses);
    if (to.length === 0) {
      this.log.warn({ notice: id }, 'notice has no recipient with an address: not recorded');
      return null;
    }
    const payload: NoticePayload<K> = { kind: request.kind, key: request.key, to, employee, facts: request.facts };
    return this.outbox.record(tx, 'notice.send', payload, { jobId: id });
  }
}
