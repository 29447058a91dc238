import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisational unit of the municipality (Servizio / Staff), keyed by its code (CP, PA, … SD, … UM). */
@Entity('services')
export class ServiceEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar') code: string;
  @Column('varchar') name: string;
  @Column('boolean') active: boolean;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
}
