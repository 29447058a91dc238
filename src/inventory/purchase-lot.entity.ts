import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A purchase lot (seed 2.5a: 50-100 laptops at a time, often on a Consip convention). */
@Entity('purchase_lots')
export class PurchaseLotEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'model_id' }) modelId: string;
  @Column('varchar') supplier: string;
  @Column('varchar', { name: 'consip_convention', nullable: true }) consipConvention: string | null;
  @Column('varchar', { name: 'consip_lot', nullable: true }) consipLot: string | null;
  @Column('varchar') cig: string;
  @Column('varchar', { name: 'order_number' }) orderNumber: string;
  @Column('varchar', { name: 'order_date' }) orderDate: string;
  @Column('varchar', { name: 'delivery_date', nullable: true }) deliveryDate: string | null;
  @Column('integer') quantity: number;
  /** Assets received so far; raised with a conditional update so a lot never receives more than ordered. */
  @Column('integer', { name: 'received_count' }) receivedCount: number;
  @Column('integer', { name: 'unit_price_cents' }) unitPriceCents: number;
  @Column('integer', { name: 'warranty_months' }) warrantyMonths: number;
  @Column('varchar', { name: 'warranty_ends_on', nullable: true }) warrantyEndsOn: string | null;
  @Column('text', { name: 'size_override_reason', nullable: true }) sizeOverrideReason: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}
