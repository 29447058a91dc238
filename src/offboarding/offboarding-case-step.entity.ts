import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OffboardingStepStatus = 'done' | 'failed';

/** The outcome of one registered step on one case: a done step is never run again for that case. */
@Entity('offboarding_case_steps')
export class OffboardingCaseStepEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'case_id' }) caseId: string;
  @Column('varchar', { name: 'step_name' }) stepName: string;
  @Column('varchar') status: OffboardingStepStatus;
  @Column('integer') attempts: number;
  /** JSON of what the step reported (e.g. certificates revoked, tasks opened). */
  @Column('text', { nullable: true }) result: string | null;
  @Column('varchar', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('varchar', { name: 'done_at', nullable: true }) doneAt: string | null;
}
