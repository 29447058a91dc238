import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TrainingKind } from './domain/training-kind';

/** A training course (seed 2.4, Allegati 2-3): what the three training indicators and the training cost count. */
@Entity('training_courses')
export class CourseEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') title: string;
  @Column('varchar') kind: TrainingKind;
  /** YYYY-MM-DD: the year it counts in */
  @Column('varchar', { name: 'course_date' }) courseDate: string;
  /** hours × 100 (0.5 h is 50) */
  @Column('integer', { name: 'hours_hundredths' }) hoursHundredths: number;
  @Column('varchar') provider: string;
  @Column('integer', { name: 'cost_cents' }) costCents: number;
  /** set only on courses the service makes itself (the hot-line's daily mini-training), unique */
  @Column('varchar', { name: 'system_key', nullable: true }) systemKey: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
}
