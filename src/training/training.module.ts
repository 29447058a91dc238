import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory';
import { HotlineOnboardingService } from './hotline-onboarding.service';
import { TrainingIndicators } from './training-indicators';
import { TrainingSummaryService } from './training-summary.service';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/** Training records (courses, participants, the hot-line's mini-training); the KPI reads them through TrainingIndicators. */
@Module({
  imports: [DirectoryModule],
  controllers: [TrainingController],
  providers: [TrainingRepository, TrainingService, TrainingSummaryService, HotlineOnboardingService, TrainingIndicators],
  exports: [TrainingIndicators],
})
export class TrainingModule {}
