import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { AssetReportEntity } from './asset-report.entity';

@Injectable()
export class AssetReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, report: AssetReportEntity): Promise<void> {
    await tx.manager.insert(AssetReportEntity, report);
  }

  forAsset(assetId: string): Promise<AssetReportEntity[]> {
    return this.dataSource.manager.find(AssetReportEntity, { where: { assetId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
