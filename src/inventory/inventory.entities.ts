import { AssetReportEntity } from './asset-report.entity';
import { AssetEntity } from './asset.entity';
import { DeclaredEquipmentEntity } from './declared-equipment.entity';
import { DeviceModelEntity } from './device-model.entity';
import { HandoverItemEntity } from './handover-item.entity';
import { HandoverReturnEntity } from './handover-return.entity';
import { HandoverEntity } from './handover.entity';
import { InventoryCounterEntity } from './inventory-counter.entity';
import { InventoryDocumentEntity } from './inventory-document.entity';
import { PurchaseLotEntity } from './purchase-lot.entity';
import { PurchaseEntity } from './purchase.entity';
import { ReturnTaskEntity } from './return-task.entity';

export const inventoryEntities = [
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
  PurchaseEntity,
];
