import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ActivityMode } from './domain/activity-mode';

/** One row of the activity map (Allegato 1): an activity of a service's macro-activity and how it can be done. */
@Entity('activities')
export class ActivityEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'natural_key' }) naturalKey: string;
  @Column('varchar', { name: 'service_id' }) serviceId: string;
  @Column('varchar', { name: 'service_code' }) serviceCode: string;
  @Column('varchar', { name: 'macro_activity' }) macroActivity: string;
  @Column('varchar') name: string;
  @Column('varchar') mode: ActivityMode;
  @Column('varchar', { nullable: true }) notes: string | null;
  /** one of the 11 transversal activities (Allegato 1, last table): counted for eligibility, not in the map's totals */
  @Column('boolean', { default: false }) transversal?: boolean;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
}
