/**
 * The public face of the inventory feature: all that other features (and the composition root) may import from it.
 * Everything else under src/inventory/ is private (eslint-rules/feature-boundaries.js).
 */
export { inventoryEntities } from './inventory.entities';
export { InventoryModule } from './inventory.module';
/** The employee's own page (self-service): their assets and handovers, receipts, and lost/stolen reports. */
export { AssetsService } from './assets.service';
export { HandoversService } from './handovers.service';
export { AssetIncidentsService } from './asset-incidents.service';
export { handoverEmployeesSql, heldItemsSql, itemsHandedOverSql, lotsDeliveredSql, standingDeclarationsSql } from './domain/holdings.sql';
export { inventoryMigrations } from './migrations';
export { StationAssets } from './station-assets';
export { InvestmentTotals } from './investment-totals';
export { purchaseCategoryLabels } from './domain/purchase-category';
export { INVENTORY_ERRORS, InventoryErrorCode } from './inventory.errors';
