import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') name: string;
  @Column('varchar') role: string;
  /** SHA-256 of the token: tokens are 256-bit random values, so a fast hash is enough and lookups stay O(1). */
  @Column('varchar', { name: 'token_hash' }) tokenHash: string;
  @Column('varchar') kind: 'api' | 'session';
  @Column('varchar', { nullable: true }) subject: string | null;
  /** A session's parent: the API token or directory-login session it was opened from (always a root). */
  @Column('varchar', { name: 'parent_token_id', nullable: true }) parentTokenId: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('varchar', { name: 'expires_at', nullable: true }) expiresAt: string | null;
  @Column('varchar', { name: 'revoked_at', nullable: true }) revokedAt: string | null;
  @Column('varchar', { name: 'last_used_at', nullable: true }) lastUsedAt: string | null;
}
