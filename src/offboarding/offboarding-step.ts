import { Tx } from '../database/unit-of-work';

export type OffboardingTrigger = 'agreement_ended' | 'left_directory';

export interface OffboardingCase {
  id: string;
  employeeId: string;
  trigger: OffboardingTrigger;
  /** The agreement that ended (agreement_ended) or null. */
  agreementId: string | null;
  /** Calendar date the trigger took effect. */
  effectiveDate: string;
}

/**
 * One thing offboarding does, contributed by the feature that owns it: inventory opens return tasks for
 * gated devices still held; VPN suspends the account, revokes certificates (affiliationChanged when the
 * agreement ended, cessationOfOperation when the person left) and removes directory group membership.
 * Steps must be idempotent: the offboarding job may run more than once for the same case.
 * `run` is called inside a unit of work (`tx`) that also records the step as done: write through `tx` and never
 * open another `uow.run` from a step (on SQLite units are serialised, so that would deadlock). Throwing fails
 * the step; the job retries it later, and steps already done on the case are skipped. The returned record is
 * stored on the case (keep it small, no secrets).
 */
export interface OffboardingStep {
  readonly name: string;
  run(offboardingCase: OffboardingCase, tx: Tx): Promise<Record<string, unknown> | void>;
}

/** Features register their steps here in `onModuleInit`. */
export abstract class OffboardingSteps {
  abstract register(step: OffboardingStep): void;
}

declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * Recorded through the outbox by agreements (expiry sweep, withdrawal taking effect) and directory sync
     * (a leaver). Job id convention: `offboarding-<employeeId>-<trigger>-<agreementId|effectiveDate>`.
     */
    'offboarding.start': { employeeId: string; trigger: OffboardingTrigger; agreementId: string | null; effectiveDate: string };
  }
}
