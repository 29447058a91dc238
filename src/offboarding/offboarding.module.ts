import { Module, OnModuleInit } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { JobRegistry } from '../jobs';
import { OffboardingCaseRepository } from './offboarding-case.repository';
import { OffboardingCasesService } from './offboarding-cases.service';
import { OffboardingRunner } from './offboarding-runner.service';
import { OffboardingSteps } from './offboarding-step';
import { OffboardingStepsRegistry } from './offboarding-steps.registry';
import { OffboardingController } from './offboarding.controller';

/**
 * Offboarding cases and the `offboarding.start` handler. Features that contribute a step import this module
 * and call `OffboardingSteps.register(step)` in their `onModuleInit`.
 */
@Module({
  imports: [AgreementsModule],
  controllers: [OffboardingController],
  providers: [
    OffboardingStepsRegistry,
    { provide: OffboardingSteps, useExisting: OffboardingStepsRegistry },
    OffboardingCaseRepository,
    OffboardingCasesService,
    OffboardingRunner,
  ],
  exports: [OffboardingSteps],
})
export class OffboardingModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly runner: OffboardingRunner,
  ) {}

  onModuleInit(): void {
    // More attempts than the default: a step waits on other systems (directory, VPN) that may be down for a while.
    this.jobs.register('offboarding.start', (payload) => this.runner.handle(payload), { attempts: 10 });
  }
}
