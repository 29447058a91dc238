import { Module, OnModuleInit } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { DirectoryModule } from '../directory/directory.module';
import { OffboardingSteps } from '../offboarding/offboarding-step';
import { OffboardingModule } from '../offboarding/offboarding.module';
import { AssetsController } from './controllers/assets.controller';
import { DeclaredEquipmentController } from './controllers/declared-equipment.controller';
import { DeviceModelsController } from './controllers/device-models.controller';
import { HandoversController } from './controllers/handovers.controller';
import { InventoryStockController } from './controllers/inventory-stock.controller';
import { PurchaseLotsController } from './controllers/purchase-lots.controller';
import { ReturnTasksController } from './controllers/return-tasks.controller';
import { KpiTargets } from './kpi-targets';
import { ReceiptPdfRenderer } from './receipts/receipt-pdf.renderer';
import { AssetReportRepository } from './repositories/asset-report.repository';
import { AssetRepository } from './repositories/asset.repository';
import { DeclaredEquipmentRepository } from './repositories/declared-equipment.repository';
import { DeviceModelRepository } from './repositories/device-model.repository';
import { HandoverRepository } from './repositories/handover.repository';
import { InventoryStatsRepository } from './repositories/inventory-stats.repository';
import { PurchaseLotRepository } from './repositories/purchase-lot.repository';
import { ReturnTaskRepository } from './repositories/return-task.repository';
import { AssetIncidentsService } from './services/asset-incidents.service';
import { AssetIntakeService } from './services/asset-intake.service';
import { AssetTagAllocator } from './services/asset-tag.allocator';
import { AssetsService } from './services/assets.service';
import { DeclaredEquipmentService } from './services/declared-equipment.service';
import { DeviceModelsService } from './services/device-models.service';
import { HandoverReturnsService } from './services/handover-returns.service';
import { HandoversService } from './services/handovers.service';
import { PurchaseLotsService } from './services/purchase-lots.service';
import { ReturnTasksService } from './services/return-tasks.service';
import { StockPlanningService } from './services/stock-planning.service';
import { StationAssets } from './station-assets';

/**
 * Models, lots, assets, intake, handovers and returns with receipts, incidents, return tasks, stock and
 * planning. Exports `StationAssets` (PKI/VPN bind certificates to laptops), `KpiTargets` (the KPI feature
 * reads the same targets file) and the intake service (CLI).
 */
@Module({
  imports: [DirectoryModule, AgreementsModule, OffboardingModule],
  controllers: [DeviceModelsController, PurchaseLotsController, AssetsController, HandoversController, ReturnTasksController, InventoryStockController, DeclaredEquipmentController],
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
    StockPlanningService,
    DeclaredEquipmentService,
    StationAssets,
  ],
  exports: [StationAssets, KpiTargets, AssetIntakeService, StockPlanningService],
})
export class InventoryModule implements OnModuleInit {
  constructor(
    private readonly steps: OffboardingSteps,
    private readonly returnTasks: ReturnTasksService,
  ) {}

  onModuleInit(): void {
    this.steps.register(this.returnTasks);
  }
}
