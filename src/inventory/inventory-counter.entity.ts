import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Named counters (generated asset tags), raised with an UPDATE that locks the row on PostgreSQL. */
@Entity('inventory_counters')
export class InventoryCounterEntity {
  @PrimaryColumn('varchar') name: string;
  @Column('integer') value: number;
}
