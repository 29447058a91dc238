import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { SYSTEM_ACTOR } from '../common/auth/roles';
import { addDays, Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Tx } from '../database/unit-of-work';
import { Notices } from '../notices';
import { OffboardingCase, OffboardingStep } from '../offboarding';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { ReturnTaskPageDto, ReturnTaskQueryDto } from './dto/return-tasks.dto';
import { ReturnTaskEntity } from './return-task.entity';
import { municipalToday } from '../common/clock';
import { toReturnTaskDto } from './inventory.mapper';
import { AssetRepository } from './asset.repository';
import { ReturnTaskRepository } from './return-task.repository';

const TASK_SORT = 'dueDate';

/**
 * Offboarding's inventory step: a return task for every gated device the employee still holds, due a
 * configured number of days after the trigger takes effect. Idempotent per (case, asset), so the
 * offboarding job can run again safely. Tasks close with the return (or the loss) of their asset; overdue
 * is derived from today, never stored.
 */
@Injectable()
export class ReturnTasksService implements OffboardingStep {
  readonly name = 'inventory.return-tasks';

  constructor(
    private readonly tasks: ReturnTaskRepository,
    private readonly assets: AssetRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly notices: Notices,
  ) {}

  async run(offboardingCase: OffboardingCase, tx: Tx): Promise<Record<string, unknown>> {
    const held = await this.assets.heldGated(tx, offboardingCase.employeeId);
    const dueDate = addDays(offboardingCase.effectiveDate, this.config.env.RETURN_TASK_DUE_DAYS);
    const now = this.clock.nowIso();
    const rows: ReturnTaskEntity[] = held.map((a) => ({
      id: randomUUID(),
      caseId: offboardingCase.id,
      employeeId: offboardingCase.employeeId,
      assetId: a.id,
      handoverId: a.currentHandoverId,
      trigger: offboardingCase.trigger,
      effectiveDate: offboardingCase.effectiveDate,
      dueDate,
      status: 'open',
      openedAt: now,
      closedAt: null,
      closedReason: null,
      returnId: null,
    }));
    const opened = await this.tasks.openMany(tx, rows);
    if (opened > 0) {
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: 'return_tasks.opened',
        entityType: 'employee',
        entityId: offboardingCase.employeeId,
        summary: { caseId: offboardingCase.id, trigger: offboardingCase.trigger, assetTags: held.map((a) => a.assetTag), dueDate, opened },
      });
      await this.notices.record(tx, {
        kind: 'return-opened',
        key: offboardingCase.id,
        employeeId: offboardingCase.employeeId,
        facts: { dueDate, items: held.map((a) => a.assetTag) },
      });
    }
    return { devicesHeld: held.length, tasksOpened: opened, dueDate };
  }

  async list(query: ReturnTaskQueryDto): Promise<ReturnTaskPageDto> {
    const limit = query.limit ?? 50;
    const p = readCursor(query.cursor, TASK_SORT, 2);
    const after = p ? { dueDate: String(p[0]), id: String(p[1]) } : undefined;
    const day = municipalToday(this.clock, this.config);
    const rows = await this.tasks.list({ status: query.status, employeeId: query.employeeId, today: day, after, limit });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((t) => toReturnTaskDto(t, day)),
      nextCursor: rows.length > limit && last ? encodeCursor(TASK_SORT, [last.dueDate, last.id]) : null,
    };
  }
}
