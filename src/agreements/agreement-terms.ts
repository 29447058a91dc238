import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { AgreementRepository } from './agreement.repository';

/**
 * Read port for terms other features need from an agreement; VPN placement needs the remote days per week of
 * the agreement the gate named (`GateDecision.agreementId`), read inside the caller's unit.
 */
@Injectable()
export class AgreementTerms {
  constructor(private readonly agreements: AgreementRepository) {}

  async remoteDaysPerWeek(tx: Tx, agreementId: string | null): Promise<number | null> {
    if (!agreementId) return null;
    const agreement = await this.agreements.findById(agreementId, tx);
    return agreement ? Number(agreement.remoteDaysPerWeek) : null;
  }

  /** The remote days per week of many agreements, in one read (unknown ids are absent). */
  async remoteDaysPerWeekOf(tx: Tx, agreementIds: string[]): Promise<Map<string, number>> {
    const rows = await this.agreements.findByIds([...new Set(agreementIds)], tx);
    return new Map(rows.map((a) => [a.id, Number(a.remoteDaysPerWeek)]));
  }
}
