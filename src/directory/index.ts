/**
 * The public face of the directory feature: all that other features (and the composition root) may import from it.
 * Everything else under src/directory/ is private (eslint-rules/feature-boundaries.js).
 */
export { DirectoryGroups } from './directory-groups.service';
export { directoryEntities } from './directory.entities';
export { DirectoryModule } from './directory.module';
export { EmployeeDirectory } from './employee-directory';
export { ManagerReaches } from './manager-reach.service';
export type { EmployeeView } from './employee.mapper';
export { employeesActiveAtSql, employeeServicesSql, leaversAtSql, managersActiveAtSql, servicesSql } from './domain/employee-standing.sql';
export { directoryMigrations } from './migrations';
export { employeeIdOfActor, keeps, managedServiceId, manages } from './domain/service-manager.policy';
export type { ReachNarrowing } from './domain/service-manager.policy';
export type { ServiceView } from './service.mapper';
export { DIRECTORY_ERRORS, DirectoryErrorCode } from './directory.errors';
