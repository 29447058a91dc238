import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('local_jobs')
export class LocalJobEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'job_id' }) jobId: string;
  @Column('varchar') name: string;
  @Column('text') payload: string;
  @Column('varchar') status: 'waiting' | 'active' | 'completed' | 'failed';
  @Column('integer') attempts: number;
  @Column('integer', { name: 'max_attempts' }) maxAttempts: number;
  @Column('integer', { name: 'backoff_ms' }) backoffMs: number;
  @Column('varchar', { name: 'run_at' }) runAt: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'started_at', nullable: true }) startedAt: string | null;
  @Column('varchar', { name: 'finished_at', nullable: true }) finishedAt: string | null;
  @Column('varchar', { name: 'locked_by', nullable: true }) lockedBy: string | null;
  @Column('varchar', { name: 'locked_until', nullable: true }) lockedUntil: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}
