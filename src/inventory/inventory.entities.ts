import { AssetReportEntity } from './entities/asset-report.entity';
import { AssetEntity } from './entities/asset.entity';
import { DeclaredEquipmentEntity } from './entities/declared-equipment.entity';
import { DeviceModelEntity } from './entities/device-model.entity';
import { HandoverItemEntity } from './entities/handover-item.entity';
import { HandoverReturnEntity } from './entities/handover-return.entity';
import { HandoverEntity } from './entities/handover.entity';
import { InventoryCounterEntity } from './entities/inventory-counter.entity';
import { InventoryDocumentEntity } from './entities/inventory-document.entity';
import { PurchaseLotEntity } from './entities/purchase-lot.entity';
import { ReturnTaskEntity } from './entities/return-task.entity';

export const inventoryEntities: Function[] = [
  DeviceModelEntity,
  PurchaseLotEntity,
  AssetEntity,
  AssetReportEntity,
  HandoverEntity,
  HandoverItemEntity,
  HandoverReturnEntity,
  InventoryDocumentEntity,
  ReturnTaskEntity,
  DeclaredEquipmentEntity,
  InventoryCounterEntity,
];
