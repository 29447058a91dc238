import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { AgreementDocumentEntity } from './agreement-document.entity';

/** The uploaded signed documents of agreements. */
@Injectable()
export class AgreementDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, entity: AgreementDocumentEntity): Promise<void> {
    await tx.manager.insert(AgreementDocumentEntity, entity);
  }

  /**
   * The agreement's document: the newest upload with the agreement's hash (`sha256`), else (the hash was set
   * aside with a rejected countersignature) the newest upload.
   */
  async current(agreementId: string, sha256: string | null): Promise<AgreementDocumentEntity | null> {
    const repo = this.dataSource.getRepository(AgreementDocumentEntity);
    const order = { uploadedAt: 'DESC', id: 'DESC' } as const;
    const matching = sha256 ? await repo.findOne({ where: { agreementId, sha256 }, order }) : null;
    return matching ?? repo.findOne({ where: { agreementId }, order });
  }
}
