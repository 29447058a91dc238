import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OffboardingTrigger } from './offboarding-step';

export type OffboardingCaseStatus = 'open' | 'closed';

/** One offboarding of one employee for one reason; closed once every registered step has succeeded. */
@Entity('offboarding_cases')
export class OffboardingCaseEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'dedupe_key' }) dedupeKey: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar', { name: 'trigger_kind' }) trigger: OffboardingTrigger;
  @Column('varchar', { name: 'agreement_id', nullable: true }) agreementId: string | null;
  @Column('varchar', { name: 'effective_date' }) effectiveDate: string;
  @Column('varchar') status: OffboardingCaseStatus;
  /** How many times the job has worked on the case (retries included). */
  @Column('integer') runs: number;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('varchar', { name: 'closed_at', nullable: true }) closedAt: string | null;
}
