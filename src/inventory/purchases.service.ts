import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor, actorLabel } from '../common/auth/roles';
import { Clock, isCalendarDate, municipalToday } from '../common/clock';
import { NotFound, ValidationFailed } from '../common/errors/domain-error';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { centsToEuros } from '../common/money';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import {
  categoryLabel,
  DEVICE_LOTS_LINE,
  POLA_INVESTMENT_CATEGORIES,
  POLA_INVESTMENT_LABELS,
  polaCategoryOf,
  PurchaseCategory,
} from './domain/purchase-category';
import { CreatePurchaseDto, PurchaseDto, PurchasePageDto, PurchaseQueryDto, PurchaseSummaryDto } from './dto/purchases.dto';
import { InvestmentTotals } from './investment-totals';
import { PurchaseEntity } from './purchase.entity';
import { PurchaseRepository } from './purchase.repository';

const SORT = '-date';

function toPurchaseDto(p: PurchaseEntity): PurchaseDto {
  const category = p.category as PurchaseCategory;
  return {
    id: p.id,
    date: p.purchaseDate,
    supplier: p.supplier,
    description: p.description,
    category,
    categoryLabel: categoryLabel(category),
    polaCategory: polaCategoryOf(category),
    amountCents: p.amountCents,
    amountEur: centsToEuros(p.amountCents),
    reference: p.reference,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
  };
}

/** Purchases of any kind besides device lots, and the year's investment by category and by POLA indicator. */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly totals: InvestmentTotals,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreatePurchaseDto): Promise<PurchaseDto> {
    const problems: { field: string; messages: string[] }[] = [];
    if (!isCalendarDate(dto.date)) problems.push({ field: 'date', messages: ['date is not a calendar date'] });
    else if (dto.date > municipalToday(this.clock, this.config)) problems.push({ field: 'date', messages: ['date is in the future'] });
    const supplier = dto.supplier.trim();
    const description = dto.description.trim();
    if (!supplier) problems.push({ field: 'supplier', messages: ['supplier is blank'] });
    if (!description) problems.push({ field: 'description', messages: ['description is blank'] });
    if (problems.length) throw new ValidationFailed(problems);

    const id = randomUUID();
    const now = this.clock.nowIso();
    const row: PurchaseEntity = {
      id,
      purchaseDate: dto.date,
      supplier,
      description,
      category: dto.category,
      amountCents: dto.amountCents,
      reference: dto.reference?.trim() || null,
      createdAt: now,
      createdBy: actorLabel(actor),
      version: 1,
    };
    await this.uow.run(async (tx) => {
      await this.purchases.insert(tx, row);
      await this.audit.record(tx, actor, {
        action: 'purchase.created',
        entityType: 'purchase',
        entityId: id,
        summary: { date: dto.date, supplier, category: dto.category, amountCents: dto.amountCents, reference: row.reference },
      });
    });
    return toPurchaseDto(row);
  }

  async get(id: string): Promise<PurchaseDto> {
    const found = await this.purchases.findById(id);
    if (!found) throw new NotFound('PURCHASE_NOT_FOUND', `purchase ${id} does not exist`, { purchaseId: id });
    return toPurchaseDto(found);
  }

  async list(query: PurchaseQueryDto): Promise<PurchasePageDto> {
    const limit = query.limit ?? 50;
    const position = readCursor(query.cursor, SORT, 2);
    const after = position ? { purchaseDate: String(position[0]), id: String(position[1]) } : undefined;
    const year = query.year;
    const rows = await this.purchases.list({
      from: year ? `${year}-01-01` : undefined,
      to: year ? `${year}-12-31` : undefined,
      category: query.category,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toPurchaseDto), nextCursor: rows.length > limit && last ? encodeCursor(SORT, [last.purchaseDate, last.id]) : null };
  }

  /** The calendar year's investment: the same numbers the POLA indicators read (InvestmentTotals). */
  async summary(year: number): Promise<PurchaseSummaryDto> {
    const split = await this.totals.byPolaCategory(`${year}-01-01`, `${year}-12-31`);
    const cents = { hardware_infrastructure: split.hardwareInfrastructureCents, digitalisation: split.digitalisationCents };
    return {
      year,
      byCategory: split.lines.map((l) => {
        const category = l.category as PurchaseCategory | typeof DEVICE_LOTS_LINE;
        return {
          category,
          label: categoryLabel(category),
          polaCategory: polaCategoryOf(category),
          count: l.count,
          amountCents: l.cents,
          amountEur: centsToEuros(l.cents),
        };
      }),
      byPolaCategory: POLA_INVESTMENT_CATEGORIES.map((p) => ({
        polaCategory: p,
        label: POLA_INVESTMENT_LABELS[p],
        amountCents: cents[p],
        amountEur: centsToEuros(cents[p]),
      })),
    };
  }
}
