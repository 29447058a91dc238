import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { StationKeyPackageEntity } from './station-key-package.entity';

@Injectable()
export class StationKeyPackageRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(tx: Tx, rows: StationKeyPackageEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(StationKeyPackageEntity)
        .values(rows.slice(i, i + 100))
        .updateEntity(false)
        .execute();
    }
  }

  async find(serial: string, tx?: Tx): Promise<StationKeyPackageEntity | null> {
    return (tx?.manager ?? this.dataSource.manager).getRepository(StationKeyPackageEntity).findOne({ where: { serial } });
  }
}
