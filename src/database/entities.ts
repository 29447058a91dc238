import { activitiesEntities } from '../activities';
import { agreementsEntities } from '../agreements';
import { authEntities } from '../auth';
import { auditEntities } from '../audit';
import { directoryEntities } from '../directory';
import { inventoryEntities } from '../inventory';
import { jobsEntities } from '../jobs';
import { kpiEntities } from '../kpi';
import { noticesEntities } from '../notices';
import { offboardingEntities } from '../offboarding';
import { pkiEntities } from '../pki';
import { trainingEntities } from '../training';
import { vpnEntities } from '../vpn';

/** Every entity the data source knows; each feature lists its own in `<feature>.entities.ts`. */
export const entities = [
  ...authEntities,
  ...auditEntities,
  ...jobsEntities,
  ...directoryEntities,
  ...activitiesEntities,
  ...agreementsEntities,
  ...offboardingEntities,
  ...inventoryEntities,
  ...pkiEntities,
  ...vpnEntities,
  ...kpiEntities,
  ...noticesEntities,
  ...trainingEntities,
];
