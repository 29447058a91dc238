import { ApiTokenEntity } from '../auth/api-token.entity';
import { AuditEventEntity, AuditHeadEntity } from '../audit/audit-event.entity';
import { LocalJobEntity } from '../jobs/drivers/local-job.entity';
import { OutboxEntity } from '../jobs/outbox/outbox.entity';

/** Every entity the data source knows; each feature appends its own. */
export const entities = [ApiTokenEntity, AuditEventEntity, AuditHeadEntity, LocalJobEntity, OutboxEntity];
