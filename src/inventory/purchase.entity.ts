import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A purchase of any kind other than a device lot (servers, VPN gateways, firewalls, licences, cloud and digital
 * services): what the two POLA investment indicators count beside the lots. Amounts in integer euro cents.
 */
@Entity('purchases')
export class PurchaseEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  /** the invoice's or order's date, YYYY-MM-DD: the year it counts in */
  @Column('varchar', { name: 'purchase_date' }) purchaseDate: string;
  @Column('varchar') supplier: string;
  @Column('text') description: string;
  @Column('varchar') category: string;
  @Column('integer', { name: 'amount_cents' }) amountCents: number;
  @Column('varchar', { nullable: true }) reference: string | null;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('integer') version: number;
}
