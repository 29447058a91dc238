import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { NetworkAccess } from './domain/network-access';

const JSON_NETWORKS: ValueTransformer = {
  to: (v: NetworkAccess[] | null | undefined) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : (JSON.parse(v) as NetworkAccess[])),
};

/** A VPN concentrator: where accounts of its profile are placed, and how many concurrent sessions it is sized for. */
@Entity('vpn_gateways')
export class VpnGatewayEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') name: string;
  @Column('varchar') host: string;
  @Column('integer') port: number;
  @Column('varchar') proto: 'udp' | 'tcp';
  @Column('varchar') profile: string;
  @Column('integer') capacity: number;
  /** The networks this gateway's clients reach instead of its profile's (stored as JSON); null = the profile's. */
  @Column('text', { nullable: true, transformer: JSON_NETWORKS }) networks: NetworkAccess[] | null;
  /** Disabled gateways keep their accounts but receive no new ones. */
  @Column('boolean') enabled: boolean;
  /** config: seeded from config/vpn.json at start; api: created through the API. */
  @Column('varchar') source: 'config' | 'api';
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}
