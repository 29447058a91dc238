import { DirectorySyncRunEntity } from './directory-sync-run.entity';
import { EmployeeEntity } from './employee.entity';
import { ServiceEntity } from './service.entity';

export const directoryEntities = [ServiceEntity, EmployeeEntity, DirectorySyncRunEntity];
