import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { Conflict } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { AgreementEndedTrigger } from './agreement-ended.trigger';
import { AgreementEntity, toSnapshot } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { AgreementsService } from './agreements.service';
import { sweepStep } from './domain/agreement-sweep.policy';
import { SweepReportDto } from './dto/agreement.dto';

declare module '../jobs/job-types' {
  interface JobPayloads {
    /** Daily: signed → active on the start date, → expired after the end date, → withdrawn on the effective date. */
    'agreements.sweep': Record<string, never>;
  }
}

const ACTIONS = { active: 'agreement.activate', expired: 'agreement.expire', withdrawn: 'agreement.withdrawal_effective' } as const;

/**
 * Moves agreements along with the calendar. One unit of work per agreement (a bad row cannot block the others);
 * each move is a conditional update, so running the sweep twice — or on two instances at once — moves each
 * agreement once and records its offboarding once.
 */
@Injectable()
export class AgreementSweepService {
  private readonly logger = new Logger('AgreementSweep');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementRepository,
    private readonly records: AgreementsService,
    private readonly ended: AgreementEndedTrigger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async sweep(actor: Actor): Promise<SweepReportDto> {
    const today = this.records.today();
    const report: SweepReportDto = { date: today, activated: 0, expired: 0, withdrawn: 0, offboardingTriggered: 0 };
    for (const id of await this.agreements.dueForSweep(today)) {
      try {
        await this.uow.run(async (tx) => {
          const current = await this.agreements.findById(id, tx);
          if (!current) return;
          const step = sweepStep(toSnapshot(current), today);
          if (!step) return;
          const changes: Partial<AgreementEntity> = step.to === 'active' ? { state: 'active' } : { state: step.to, endedOn: step.endedOn };
          const updated = await this.agreements.update(tx, current, changes, this.clock.nowIso());
          let offboarding = false;
          if (step.to === 'active') report.activated += 1;
          else {
            report[step.to] += 1;
            offboarding = await this.ended.agreementEnded(tx, updated, step.endedOn, today);
            if (offboarding) report.offboardingTriggered += 1;
          }
          await this.audit.record(tx, actor, {
            action: ACTIONS[step.to],
            entityType: 'agreement',
            entityId: id,
            summary: { from: current.state, to: step.to, date: today, offboarding },
          });
        });
      } catch (err) {
        // Someone else moved it first (another instance, a clerk): theirs is the move that counts.
        if (err instanceof Conflict) continue;
        this.logger.error({ agreementId: id, err }, 'sweep failed for an agreement');
        throw err;
      }
    }
    return report;
  }
}
