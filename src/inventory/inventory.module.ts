import { Module, OnModuleInit } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { DirectoryModule } from '../directory';
import { OffboardingSteps } from '../offboarding';
import { OffboardingModule } from '../offboarding';
import { AssetsController } from './assets.controller';
import { DeclaredEquipmentController } from './declared-equipment.controller';
import { DeviceModelsController } from './device-models.controller';
import { HandoversController } from './handovers.controller';
import { InventoryStockController } from './inventory-stock.controller';
import { PurchaseLotsController } from './purchase-lots.controller';
import { PurchasesController } from './purchases.controller';
import { PurchasesService } from './purchases.service';
import { PurchaseRepository } from './purchase.repository';
import { InvestmentTotals } from './investment-totals';
import { ReturnTasksController } from './return-tasks.controller';
import { KpiTargets } from '../config/kpi-targets';
import { ReceiptPdfRenderer } from './receipts/receipt-pdf.renderer';
import { AssetReportRepository } from './asset-report.repository';
import { AssetRepository } from './asset.repository';
import { DeclaredEquipmentRepository } from './declared-equipment.repository';
import { DeviceModelRepository } from './device-model.repository';
import { HandoverRepository } from './handover.repository';
import { InventoryStatsRepository } from './inventory-stats.repository';
import { PurchaseLotRepository } from './purchase-lot.repository';
import { ReturnTaskRepository } from './return-task.repository';
import { AssetIncidentsService } from './asset-incidents.service';
import { AssetIntakeService } from './asset-intake.service';
import { AssetTagAllocator } from './asset-tag.allocator';
import { AssetsService } from './assets.service';
import { DeclaredEquipmentService } from './declared-equipment.service';
import { DeviceModelsService } from './device-models.service';
import { HandoverReturnsService } from './handover-returns.service';
import { HandoversService } from './handovers.service';
import { PurchaseLotsService } from './purchase-lots.service';
import { ReturnTasksService } from './return-tasks.service';
import { ReturnOverdueSource } from './return-overdue.source';
import { NoticeSources } from '../notices';
import { StockPlanningService } from './stock-planning.service';
import { StationAssets } from './station-assets';

/**
 * Models, lots, assets, intake, handovers and returns with receipts, incidents, return tasks, stock and
 * planning. Exports `StationAssets` (PKI/VPN bind certificates to laptops), `KpiTargets` (the KPI feature
 * reads the same targets file) and the intake service (CLI).
 */
@Module({
  imports: [DirectoryModule, AgreementsModule, OffboardingModule],
  controllers: [
    DeviceModelsController,
    PurchaseLotsController,
    AssetsController,
    HandoversController,
    ReturnTasksController,
    InventoryStockController,
    DeclaredEquipmentController,
    PurchasesController,
  ],
  providers: [
    KpiTargets,
    ReceiptPdfRenderer,
    DeviceModelRepository,
    PurchaseLotRepository,
    AssetRepository,
    AssetReportRepository,
    HandoverRepository,
    ReturnTaskRepository,
    DeclaredEquipmentRepository,
    InventoryStatsRepository,
    AssetTagAllocator,
    DeviceModelsService,
    PurchaseLotsService,
    AssetsService,
    AssetIntakeService,
    HandoversService,
    HandoverReturnsService,
    AssetIncidentsService,
    ReturnTasksService,
    ReturnOverdueSource,
    StockPlanningService,
    DeclaredEquipmentService,
    StationAssets,
    PurchaseRepository,
    PurchasesService,
    InvestmentTotals,
  ],
  exports: [StationAssets, KpiTargets, AssetIntakeService, StockPlanningService, InvestmentTotals, AssetsService, HandoversService, AssetIncidentsService],
})
export class InventoryModule implements OnModuleInit {
  constructor(
    private readonly steps: OffboardingSteps,
    private readonly returnTasks: ReturnTasksService,
    private readonly noticeSources: NoticeSources,
    private readonly returnOverdue: ReturnOverdueSource,
  ) {}

  onModuleInit(): void {
    this.steps.register(this.returnTasks);
    this.noticeSources.register(this.returnOverdue);
  }
}
