import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The stable tunnel address of one VPN account in its profile's pool (ifconfig-push at every connection, on any
 * gateway of the profile). The primary key (profile, address) makes two accounts holding one address impossible;
 * account_id is unique (one address an account). An account keeps its address through suspension, resumption and
 * renewal; once it is revoked the address is free (the row is removed by the next allocation in the profile).
 */
@Entity('vpn_addresses')
export class VpnAddressEntity {
  @PrimaryColumn('varchar', { length: 40 }) profile: string;
  @PrimaryColumn('varchar', { length: 15 }) address: string;
  @Column('varchar', { name: 'account_id', length: 36, unique: true }) accountId: string;
  @Column('varchar', { name: 'assigned_at' }) assignedAt: string;
}
