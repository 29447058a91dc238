import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { AssetEntity } from './asset.entity';
import { AssetState } from './domain/asset-state';
import { DeviceKind, Ownership } from './domain/device-kind';
import { AssetRepository } from './asset.repository';

/** What other features (PKI, VPN) see of an asset: enough to bind a station certificate to a laptop. */
export interface StationAssetView {
  id: string;
  assetTag: string;
  kind: DeviceKind;
  manufacturer: string;
  serial: string;
  ownership: Ownership;
  state: AssetState;
  holderEmployeeId: string | null;
}

function toView(a: AssetEntity): StationAssetView {
  return {
    id: a.id,
    assetTag: a.assetTag,
    kind: a.kind,
    manufacturer: a.manufacturer,
    serial: a.serial,
    ownership: a.ownership,
    state: a.state,
    holderEmployeeId: a.holderEmployeeId,
  };
}

/** Read port exported by InventoryModule. Pass `tx` to read inside your own transaction. */
@Injectable()
export class StationAssets {
  constructor(private readonly assets: AssetRepository) {}

  async findById(id: string, tx?: Tx): Promise<StationAssetView | null> {
    const a = await this.assets.findById(id, tx?.manager);
    return a ? toView(a) : null;
  }

  /** Many assets by id, in one read (unknown ids are absent from the map): the bulk onboarding and the gateway pass. */
  async findByIds(ids: string[], tx?: Tx): Promise<Map<string, StationAssetView>> {
    return new Map((await this.assets.findByIds([...new Set(ids)], tx?.manager)).map((a) => [a.id, toView(a)]));
  }
}
