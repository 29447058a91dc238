import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { VpnGatewayEntity } from './vpn-gateway.entity';

export type GatewayChanges = Partial<Pick<VpnGatewayEntity, 'host' | 'port' | 'proto' | 'profile' | 'capacity' | 'enabled' | 'networks'>>;

@Injectable()
export class VpnGatewayRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  list(profile?: string, tx?: Tx): Promise<VpnGatewayEntity[]> {
    return this.manager(tx)
      .getRepository(VpnGatewayEntity)
      .find({ where: profile ? { profile } : {}, order: { profile: 'ASC', name: 'ASC' } });
  }

  findById(id: string, tx?: Tx): Promise<VpnGatewayEntity | null> {
    return this.manager(tx).getRepository(VpnGatewayEntity).findOne({ where: { id } });
  }

  findByName(name: string, tx?: Tx): Promise<VpnGatewayEntity | null> {
    return this.manager(tx).getRepository(VpnGatewayEntity).findOne({ where: { name } });
  }

  async insert(tx: Tx, row: VpnGatewayEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(VpnGatewayEntity).values(row).updateEntity(false).execute();
  }

  /** Seeding: several instances may start together; the unique name decides, the others insert nothing. */
  async insertIfAbsent(tx: Tx, row: VpnGatewayEntity): Promise<boolean> {
    await tx.manager.createQueryBuilder().insert().into(VpnGatewayEntity).values(row).orIgnore().updateEntity(false).execute();
    return (await this.findByName(row.name, tx))?.id === row.id;
  }

  async update(tx: Tx, id: string, version: number, changes: GatewayChanges, updatedAt: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(VpnGatewayEntity)
      .set({ ...changes, updatedAt, version: version + 1 })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
