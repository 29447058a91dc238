import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { toSnapshot } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { isInForce } from './domain/in-force';
// Type-only: brings the `offboarding.start` payload type (declared with the offboarding port), nothing at run time.
import type { OffboardingTrigger } from '../offboarding';

const TRIGGER: OffboardingTrigger = 'agreement_ended';

/**
 * When an agreement stops being in force (expiry, withdrawal taking effect), records `offboarding.start` in the
 * same transaction — unless the employee has another agreement in force that day (a renewal), in which case
 * the devices and VPN access stay. The job id is stable, so the same ending never offboards twice.
 */
@Injectable()
export class AgreementEndedTrigger {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly outbox: Outbox,
  ) {}

  async agreementEnded(tx: Tx, ended: { id: string; employeeId: string; startDate: string }, endedOn: string, today: string): Promise<boolean> {
    // Withdrawn before it ever started: nothing was provisioned under it.
    if (endedOn <= ended.startDate) return false;
    const others = (await this.agreements.forEmployee(ended.employeeId, tx)).filter((a) => a.id !== ended.id);
    if (others.some((a) => isInForce(toSnapshot(a), today))) return false;
    await this.outbox.record(
      tx,
      'offboarding.start',
      { employeeId: ended.employeeId, trigger: TRIGGER, agreementId: ended.id, effectiveDate: endedOn },
      { jobId: `offboarding-${ended.employeeId}-agreement_ended-${ended.id}` },
    );
    return true;
  }
}
