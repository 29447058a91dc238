import { Actor } from '../common/auth/roles';
import { Tx } from '../database/unit-of-work';

/** The agreement whose suspension (or resumption) the features follow. */
export interface AgreementPause {
  agreementId: string;
  employeeId: string;
  /** The reason HR gave (suspension), or the note (resumption). */
  reason: string | null;
}

/**
 * What a follower did: `record` goes into the agreement's audit event; `afterCommit` (optional) runs once the
 * unit has committed and before the agreement's answer (VPN: publish the CRL, so the next fetch lists the holds).
 * It must not throw.
 */
export interface FollowerOutcome {
  record: Record<string, unknown>;
  afterCommit?: () => Promise<void>;
}

/**
 * What a feature does when an employee's agreement is suspended or resumed, contributed by the feature that owns
 * it (VPN: suspends the employee's accounts, certificates on hold, and resumes them through the gate). Called
 * inside the agreement's own unit of work (`tx`), after the agreement changed, so the decision holds everywhere
 * at once or nowhere: write through `tx`, never open another `uow.run` (on SQLite units are serialised; put such
 * work in `afterCommit`), and throw only to refuse the whole change. Must be idempotent.
 */
export interface AgreementSuspensionFollower {
  readonly name: string;
  suspended(pause: AgreementPause, tx: Tx, actor: Actor): Promise<FollowerOutcome>;
  resumed(pause: AgreementPause, tx: Tx, actor: Actor): Promise<FollowerOutcome>;
}

/** Features register their followers here in `onModuleInit` (the agreements module cannot import them). */
export abstract class AgreementSuspensionFollowers {
  abstract register(follower: AgreementSuspensionFollower): void;
}
