import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DeviceKind } from './domain/device-kind';

@Entity('device_models')
export class DeviceModelEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') kind: DeviceKind;
  @Column('varchar') manufacturer: string;
  @Column('varchar') model: string;
  /** JSON object: CPU, RAM, screen, ports… as the technicians describe them. */
  @Column('text') specs: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
}
