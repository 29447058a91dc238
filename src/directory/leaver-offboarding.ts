import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import type { OffboardingTrigger } from '../offboarding';

const LEFT: OffboardingTrigger = 'left_directory';

/**
 * An employee who stops being active (left the directory, disabled there, or deactivated by HR) starts
 * offboarding: the job is recorded in the same transaction as the deactivation, with a stable id so that a
 * replayed run or a second deactivation on the same day yields one job.
 */
@Injectable()
export class LeaverOffboarding {
  constructor(private readonly outbox: Outbox) {}

  static jobId(employeeId: string, effectiveDate: string): string {
    return `offboarding-${employeeId}-${LEFT}-${effectiveDate}`;
  }

  record(tx: Tx, employeeId: string, effectiveDate: string): Promise<string> {
    return this.outbox.record(
      tx,
      'offboarding.start',
      { employeeId, trigger: LEFT, agreementId: null, effectiveDate },
      { jobId: LeaverOffboarding.jobId(employeeId, effectiveDate) },
    );
  }
}
