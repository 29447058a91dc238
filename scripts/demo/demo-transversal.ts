import { INestApplicationContext } from '@nestjs/common';
import { ActivityImportService } from '../../src/activities/activity-import.service';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { FixedClock } from '../../src/common/clock';
import { HR } from './demo-state';
import { readDataFile } from './seed-tables';

/**
 * The 11 transversal activities of Allegato 1's last table (copy in scripts/demo/data), imported beside the map
 * with the activity map's day. Idempotent: a dry run that finds nothing to do writes nothing. Returns the activities written.
 */
export async function importDemoTransversalActivities(app: INestApplicationContext, clock: FixedClock): Promise<number> {
  const importer = app.get(ActivityImportService);
  const table = readDataFile('transversal-activities.tsv');
  const dry = await importer.importTransversal(SYSTEM_ACTOR, table, true);
  if (dry.created === 0 && dry.updated === 0) return 0;
  clock.set(new Date('2020-01-07T08:30:00.000Z'));
  const report = await importer.importTransversal(HR, table, false);
  return report.created + report.updated;
}
