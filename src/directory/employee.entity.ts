import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EmployeeSource = 'directory' | 'csv' | 'manual';

@Entity('employees')
export class EmployeeEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  /** Matricola: the HR number, unique. */
  @Column('varchar', { name: 'employee_number' }) employeeNumber: string;
  /** Stable key in the source: entryUUID (OpenLDAP), objectGUID (AD), or the id given in a CSV. */
  @Column('varchar', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('varchar') source: EmployeeSource;
  /** Directory login (uid / sAMAccountName); also the VPN username. */
  @Column('varchar', { nullable: true }) username: string | null;
  @Column('varchar', { name: 'first_name' }) firstName: string;
  @Column('varchar', { name: 'last_name' }) lastName: string;
  @Column('varchar', { nullable: true }) email: string | null;
  @Column('varchar', { name: 'service_id' }) serviceId: string;
  /** Professional profile (e.g. "Istruttore Amministrativo") and legal category (A-D, DIR). */
  @Column('varchar', { nullable: true }) profile: string | null;
  @Column('varchar', { nullable: true }) category: string | null;
  /** Dirigente: at most one remote day a week; agreement signed by the Direttore Generale. */
  @Column('boolean', { name: 'is_manager' }) isManager: boolean;
  @Column('boolean', { name: 'is_director_general' }) isDirectorGeneral: boolean;
  /** Worker protected under L. 68/1999 / 104/1992: 90 days' notice when the employer withdraws. */
  @Column('boolean', { name: 'disabled_worker' }) disabledWorker: boolean;
  @Column('boolean') active: boolean;
  @Column('varchar', { name: 'deactivated_at', nullable: true }) deactivatedAt: string | null;
  @Column('varchar', { name: 'deactivation_reason', nullable: true }) deactivationReason: string | null;
  @Column('varchar', { name: 'last_synced_at', nullable: true }) lastSyncedAt: string | null;
  /** The entry's DN at the last sync: where group writes (VPN group) point. */
  @Column('varchar', { name: 'directory_dn', nullable: true }) directoryDn: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}
