import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'job_name' }) jobName: string;
  @Column('varchar', { name: 'job_id' }) jobId: string;
  @Column('text') payload: string;
  @Column('varchar') status: 'pending' | 'dispatched';
  @Column('integer') attempts: number;
  @Column('varchar', { name: 'available_at' }) availableAt: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'dispatched_at', nullable: true }) dispatchedAt: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('varchar', { name: 'lease_owner', nullable: true }) leaseOwner: string | null;
  @Column('varchar', { name: 'lease_until', nullable: true }) leaseUntil: string | null;
}
