import { Module, OnModuleInit } from '@nestjs/common';
import { ActivitiesModule } from '../activities';
import { DirectoryModule } from '../directory';
import { SYSTEM_ACTOR } from '../common/auth/roles';
import { JobRegistry } from '../jobs';
import { Schedules } from '../jobs';
import { NoticeSources } from '../notices';
import { AgreementEndedTrigger } from './agreement-ended.trigger';
import { AgreementSuspensionFollowers } from './agreement-suspension';
import { AgreementSuspensionTrigger } from './agreement-suspension.trigger';
import { AgreementTerms } from './agreement-terms';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementRepository } from './agreement.repository';
import { AgreementSweepService } from './agreement-sweep.service';
import { AgreementDocumentRenderer } from './agreement-document.renderer';
import { AgreementDocumentRepository } from './agreement-document.repository';
import { AgreementDocumentTemplate } from './agreement-document.template';
import { AgreementDocumentsController } from './agreement-documents.controller';
import { AgreementDocumentsService } from './agreement-documents.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { ProvisioningGate } from './provisioning-gate';
import { ProvisioningGateService } from './provisioning-gate.service';
import { ProvisioningStatusController } from './provisioning-status.controller';
import { SafetyNoticeDueSource } from './safety-notice-due.source';

/**
 * Agreements and the provisioning gate. Inventory and VPN import this module and inject `ProvisioningGate`
 * (optionally passing their transaction to `check`); VPN registers with `AgreementSuspensionFollowers` to follow
 * an agreement's suspension and resumption in the same transaction.
 */
@Module({
  imports: [ActivitiesModule, DirectoryModule],
  // AgreementDocumentsController first: its GET safety-notices-due must be matched before GET :id.
  controllers: [AgreementDocumentsController, AgreementsController, ProvisioningStatusController],
  providers: [
    AgreementRepository,
    AgreementsService,
    AgreementLifecycleService,
    AgreementSigningService,
    AgreementSweepService,
    AgreementEndedTrigger,
    AgreementSuspensionTrigger,
    { provide: AgreementSuspensionFollowers, useExisting: AgreementSuspensionTrigger },
    ProvisioningGateService,
    AgreementTerms,
    { provide: ProvisioningGate, useExisting: ProvisioningGateService },
    SafetyNoticeDueSource,
    AgreementDocumentTemplate,
    AgreementDocumentRenderer,
    AgreementDocumentRepository,
    AgreementDocumentsService,
  ],
  exports: [ProvisioningGate, AgreementTerms, AgreementSuspensionFollowers, AgreementsService, AgreementDocumentsService],
})
export class AgreementsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly schedules: Schedules,
    private readonly sweeper: AgreementSweepService,
    private readonly noticeSources: NoticeSources,
    private readonly safetyNoticeDue: SafetyNoticeDueSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register('agreements.sweep', async () => {
      await this.sweeper.sweep(SYSTEM_ACTOR);
    });
    // Ten past midnight in the municipality's time zone: the first minutes of the day that changes the state.
    this.schedules.register({ id: 'agreements-sweep', cron: '10 0 * * *', job: 'agreements.sweep', payload: {} });
    this.noticeSources.register(this.safetyNoticeDue);
  }
}
