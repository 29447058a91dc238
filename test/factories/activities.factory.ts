import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivityEntity } from '../../src/activities/activity.entity';
import { EmployeeActivityEntity } from '../../src/activities/employee-activity.entity';
import { activityNaturalKey } from '../../src/activities/domain/activity-map.parser';
import { ActivityMode } from '../../src/activities/domain/activity-mode';
import { ServiceEntity } from '../../src/directory/service.entity';

/** One activity of the map in the employee's (or any) service. Mode defaults to fully_remote. */
export async function createActivity(
  ds: DataSource,
  service: Pick<ServiceEntity, 'id' | 'code'>,
  overrides: Partial<ActivityEntity> = {},
): Promise<ActivityEntity> {
  const name = overrides.name ?? `Attività ${randomUUID().slice(0, 8)}`;
  const macroActivity = overrides.macroActivity ?? 'Macro-attività di prova';
  const activity: ActivityEntity = {
    id: randomUUID(),
    naturalKey: activityNaturalKey(service.code, macroActivity, name),
    serviceId: service.id,
    serviceCode: service.code,
    macroActivity,
    name,
    mode: 'fully_remote',
    notes: null,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    ...overrides,
  };
  await ds.getRepository(ActivityEntity).insert(activity);
  return activity;
}

/** Adds links (does not replace existing ones; the API's PUT replaces). */
export async function linkActivities(ds: DataSource, employeeId: string, activityIds: string[]): Promise<void> {
  for (const activityId of activityIds)
    await ds.getRepository(EmployeeActivityEntity).insert({ employeeId, activityId, createdAt: '2020-01-01T00:00:00.000Z' });
}

/** Makes the employee eligible: a new remote-capable activity in their service, linked. Returns the activity. */
export async function makeEligible(
  ds: DataSource,
  employee: { id: string; serviceId: string },
  mode: ActivityMode = 'partially_remote',
): Promise<ActivityEntity> {
  const service = await ds.getRepository(ServiceEntity).findOneByOrFail({ id: employee.serviceId });
  const activity = await createActivity(ds, service, { mode });
  await linkActivities(ds, employee.id, [activity.id]);
  return activity;
}
