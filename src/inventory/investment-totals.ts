import { Injectable } from '@nestjs/common';
import { InvestmentSplit, splitInvestment } from './domain/purchase-category';
import { PurchaseRepository } from './purchase.repository';

/**
 * Read port exported by InventoryModule for the POLA investment indicators (kpi): device purchase lots delivered in
 * [from, to] (hardware, line `device_lots`) plus purchases dated in [from, to], split by the category's POLA
 * indicator. Dates are YYYY-MM-DD, both ends included. Aggregates only: no supplier, no line of a purchase.
 */
@Injectable()
export class InvestmentTotals {
  constructor(private readonly purchases: PurchaseRepository) {}

  async byPolaCategory(from: string, to: string): Promise<InvestmentSplit> {
    return splitInvestment(await this.purchases.investmentLines(from, to));
  }
}
