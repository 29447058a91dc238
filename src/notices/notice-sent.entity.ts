import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A notice that reached the mail server. Written right after a successful send and read before each attempt: a
 * job that runs again (a retry after the send, a duplicate relay) finds its row and sends nothing.
 */
@Entity('notices_sent')
export class NoticeSentEntity {
  /** `notice-<kind>-<key>` (the job id). */
  @PrimaryColumn('varchar', { name: 'notice_id', length: 200 }) noticeId: string;
  @Column('varchar', { length: 40 }) kind: string;
  @Column('integer') recipients: number;
  @Column('varchar', { name: 'message_id', length: 300, nullable: true }) messageId: string | null;
  @Column('varchar', { name: 'sent_at', length: 30 }) sentAt: string;
}
