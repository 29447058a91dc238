import { Injectable } from '@nestjs/common';
import { EmployeeDirectory } from '../directory';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { ActivityRepository } from './activity.repository';
import { toActivityDto } from './activity.mapper';
import { buildActivitySummary, summariseTransversal } from './domain/activity-summary';
import { ActivityListDto, ActivityListQueryDto, ActivitySummaryDto } from './dto/activities.dto';

const ACTIVITY_SORT = 'service,macroActivity,name';

/** Reads of the activity map: the summary (aggregated in SQL) and the filtered list. */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly directory: EmployeeDirectory,
  ) {}

  async summary(): Promise<ActivitySummaryDto> {
    const [modes, macros, services, transversal] = await Promise.all([
      this.activities.countByServiceAndMode(),
      this.activities.countMacroActivitiesByService(),
      this.activities.serviceCodes().then((codes) => this.directory.servicesByCodes(codes)),
      this.activities.countByServiceAndMode(true),
    ]);
    return { ...buildActivitySummary(modes, macros, new Map(services.map((s) => [s.code, s.name]))), transversal: summariseTransversal(transversal) };
  }

  async list(query: ActivityListQueryDto): Promise<ActivityListDto> {
    const limit = query.limit ?? 100;
    const after = readCursor(query.cursor, ACTIVITY_SORT, 4);
    const { mode, macroActivity, remoteCapable, q } = query;
    const rows = await this.activities.list({ serviceCode: query.serviceCode?.toUpperCase(), mode, macroActivity, remoteCapable, q, after, limit: limit + 1 });
    return pageOf(rows, limit, ACTIVITY_SORT, (a) => [a.serviceCode, a.macroActivity, a.name, a.id], toActivityDto);
  }
}
