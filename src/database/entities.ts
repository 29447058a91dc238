import { activitiesEntities } from '../activities/activities.entities';
import { agreementsEntities } from '../agreements/agreements.entities';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { AuditEventEntity, AuditHeadEntity } from '../audit/audit-event.entity';
import { directoryEntities } from '../directory/directory.entities';
import { inventoryEntities } from '../inventory/inventory.entities';
import { LocalJobEntity } from '../jobs/drivers/local-job.entity';
import { OutboxEntity } from '../jobs/outbox/outbox.entity';
import { kpiEntities } from '../kpi/kpi.entities';
import { offboardingEntities } from '../offboarding/offboarding.entities';
import { pkiEntities } from '../pki/pki.entities';
import { vpnEntities } from '../vpn/vpn.entities';

/** Every entity the data source knows; each feature lists its own in `<feature>.entities.ts`. */
export const entities = [
  ApiTokenEntity,
  AuditEventEntity,
  AuditHeadEntity,
  LocalJobEntity,
  OutboxEntity,
  ...directoryEntities,
  ...activitiesEntities,
  ...agreementsEntities,
  ...offboardingEntities,
  ...inventoryEntities,
  ...pkiEntities,
  ...vpnEntities,
  ...kpiEntities,
];
