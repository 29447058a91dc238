/**
 * The public face of the audit feature: all that other features (and the composition root) may import from it.
 * Everything else under src/audit/ is private (eslint-rules/feature-boundaries.js).
 */
export { auditEntities } from './audit.entities';
export { AuditModule } from './audit.module';
export { AuditChange, AuditEntry, AuditService } from './audit.service';
export { auditMigrations } from './migrations';
