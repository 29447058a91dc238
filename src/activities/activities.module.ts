import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityImportService } from './activity-import.service';
import { ActivityRepository } from './activity.repository';
import { EligibilityService } from './eligibility.service';
import { EmployeeActivitiesController } from './employee-activities.controller';
import { EmployeeActivityRepository } from './employee-activity.repository';

/** The activity map (Allegato 1), employee ↔ activity links and eligibility; employees and services through the directory's port. */
@Module({
  imports: [DirectoryModule],
  controllers: [ActivitiesController, EmployeeActivitiesController],
  providers: [ActivityRepository, EmployeeActivityRepository, ActivityImportService, ActivitiesService, EligibilityService],
  exports: [EligibilityService],
})
export class ActivitiesModule {}
