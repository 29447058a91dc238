import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Tx } from '../database/unit-of-work';
import { AgreementPause, AgreementSuspensionFollower, AgreementSuspensionFollowers, FollowerOutcome } from './agreement-suspension';

/** What the followers did (for the audit event), and the work to run after the commit, before answering. */
export interface Followed {
  record: Record<string, unknown>;
  afterCommit: () => Promise<void>;
}

/**
 * Runs the features' followers when an agreement is suspended or resumed, in the agreement's transaction (the
 * same place the ended trigger records offboarding): a suspended agreement leaves no VPN access running, and a
 * refusal by a follower rolls the suspension back with it.
 */
@Injectable()
export class AgreementSuspensionTrigger extends AgreementSuspensionFollowers {
  private readonly followers = new Map<string, AgreementSuspensionFollower>();

  register(follower: AgreementSuspensionFollower): void {
    if (this.followers.has(follower.name)) throw new Error(`agreement suspension follower ${follower.name} is already registered`);
    this.followers.set(follower.name, follower);
  }

  suspended(tx: Tx, pause: AgreementPause, actor: Actor): Promise<Followed> {
    return this.follow((f) => f.suspended(pause, tx, actor));
  }

  resumed(tx: Tx, pause: AgreementPause, actor: Actor): Promise<Followed> {
    return this.follow((f) => f.resumed(pause, tx, actor));
  }

  private async follow(call: (f: AgreementSuspensionFollower) => Promise<FollowerOutcome>): Promise<Followed> {
    const record: Record<string, unknown> = {};
    const after: (() => Promise<void>)[] = [];
    for (const f of this.followers.values()) {
      const outcome = await call(f);
      record[f.name] = outcome.record;
      if (outcome.afterCommit) after.push(outcome.afterCommit);
    }
    return {
      record,
      afterCommit: async () => {
        for (const fn of after) await fn();
      },
    };
  }
}
