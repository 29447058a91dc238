import { AgreementState } from './agreement-state';

/** What the rules need to know of an agreement; the entity maps onto it, the specs build it by hand. */
export interface AgreementSnapshot {
  id: string;
  employeeId: string;
  state: AgreementState;
  startDate: string;
  /** null: indefinite (a tempo indeterminato). */
  endDate: string | null;
  remoteDaysPerWeek: number;
  safetyNoticeDeliveredOn: string | null;
  employeeSignedAt: string | null;
  managerSignedAt: string | null;
  documentSha256: string | null;
  /** First day on which a notified withdrawal takes effect (the agreement is no longer in force that day). */
  withdrawalEffectiveDate: string | null;
}
