import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who took part in a course: one row per course and employee. */
@Entity('training_participants')
export class CourseParticipantEntity {
  @PrimaryColumn('varchar', { name: 'course_id', length: 36 }) courseId: string;
  @PrimaryColumn('varchar', { name: 'employee_id', length: 36 }) employeeId: string;
  @Column('boolean') attended: boolean;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
}
