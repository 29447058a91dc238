import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityImportService } from './activity-import.service';
import { ActivityRepository } from './activity.repository';
import { EligibilityService } from './eligibility.service';
import { EmployeeActivitiesController } from './employee-activities.controller';
import { EmployeeActivityRepository } from './employee-activity.repository';
import { EmployeeLookupRepository } from './employee-lookup.repository';

/** The activity map (Allegato 1), employee ↔ activity links and eligibility. */
@Module({
  controllers: [ActivitiesController, EmployeeActivitiesController],
  providers: [ActivityRepository, EmployeeActivityRepository, EmployeeLookupRepository, ActivityImportService, ActivitiesService, EligibilityService],
  exports: [EligibilityService, EmployeeLookupRepository],
})
export class ActivitiesModule {}
