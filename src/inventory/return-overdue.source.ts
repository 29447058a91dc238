import { Injectable } from '@nestjs/common';
import { NoticeRequest, NoticeSource } from '../notices';
import { AssetRepository } from './asset.repository';
import { ReturnTaskRepository } from './return-task.repository';

const PAGE = 500;

/**
 * The daily e-mail source of the inventory: return tasks still open after their due date (the employee and the
 * technicians are told), one notice per offboarding case and due date, naming the devices still out.
 */
@Injectable()
export class ReturnOverdueSource implements NoticeSource {
  readonly name = 'inventory.return-overdue';

  constructor(
    private readonly tasks: ReturnTaskRepository,
    private readonly assets: AssetRepository,
  ) {}

  async due(today: string): Promise<NoticeRequest[]> {
    const byCase = new Map<string, { employeeId: string; dueDate: string; assetIds: string[] }>();
    let after: { dueDate: string; id: string } | undefined;
    for (;;) {
      const rows = (await this.tasks.list({ status: 'overdue', today, after, limit: PAGE })).slice(0, PAGE);
      for (const t of rows) {
        const c = byCase.get(`${t.caseId}/${t.dueDate}`) ?? { employeeId: t.employeeId, dueDate: t.dueDate, assetIds: [] };
        c.assetIds.push(t.assetId);
        byCase.set(`${t.caseId}/${t.dueDate}`, c);
      }
      if (rows.length < PAGE) break;
      after = { dueDate: rows[rows.length - 1].dueDate, id: rows[rows.length - 1].id };
    }
    const out: NoticeRequest[] = [];
    for (const [key, c] of byCase) {
      const tags = (await this.assets.findMany(c.assetIds)).map((a) => a.assetTag).sort();
      out.push({ kind: 'return-overdue', key: key.replace('/', '-'), employeeId: c.employeeId, facts: { dueDate: c.dueDate, items: tags } });
    }
    return out;
  }
}
