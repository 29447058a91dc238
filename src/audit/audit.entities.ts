import { AuditEventEntity, AuditHeadEntity } from './audit-event.entity';

export const auditEntities = [AuditEventEntity, AuditHeadEntity];
