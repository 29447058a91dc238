import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An employee assigned to an activity of the map; eligibility for remote work follows from these links. */
@Entity('employee_activities')
export class EmployeeActivityEntity {
  @PrimaryColumn('varchar', { name: 'employee_id', length: 36 }) employeeId: string;
  @PrimaryColumn('varchar', { name: 'activity_id', length: 36 }) activityId: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
}
