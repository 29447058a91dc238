import { ActivityEntity } from './activity.entity';
import { EmployeeActivityEntity } from './employee-activity.entity';

export const activitiesEntities = [ActivityEntity, EmployeeActivityEntity];
