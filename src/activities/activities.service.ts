import { Injectable } from '@nestjs/common';
import { ActivityRepository } from './activity.repository';
import { toActivityDto } from './activity.mapper';
import { buildActivitySummary } from './domain/activity-summary';
import { ActivityListDto, ActivityListQueryDto, ActivitySummaryDto } from './dto/activities.dto';

/** Reads of the activity map: the summary (aggregated in SQL) and the filtered list. */
@Injectable()
export class ActivitiesService {
  constructor(private readonly activities: ActivityRepository) {}

  async summary(): Promise<ActivitySummaryDto> {
    const [modes, macros, names] = await Promise.all([
      this.activities.countByServiceAndMode(),
      this.activities.countMacroActivitiesByService(),
      this.activities.serviceNames(),
    ]);
    return buildActivitySummary(modes, macros, names);
  }

  async list(query: ActivityListQueryDto): Promise<ActivityListDto> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const { items, total } = await this.activities.list({ ...query, serviceCode: query.serviceCode?.toUpperCase(), limit, offset });
    return { items: items.map(toActivityDto), total, limit, offset };
  }
}
