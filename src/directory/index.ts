/**
 * The public face of the directory feature: all that other features (and the composition root) may import from it.
 * Everything else under src/directory/ is private (eslint-rules/feature-boundaries.js).
 */
export { DirectoryGroups } from './directory-groups.service';
export { directoryEntities } from './directory.entities';
export { DirectoryModule } from './directory.module';
export { EmployeeDirectory } from './employee-directory';
export { EmployeeEntity } from './employee.entity';
export { directoryMigrations } from './migrations';
export { ServiceEntity } from './service.entity';
