import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { readCsvRecords } from '../common/csv/csv-reader';
import { importErrorList } from '../common/csv/import-errors';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { ExistingKeys, finishIntake, IntakeLot, IntakeVerdict, ModelLookup, prepareIntake, RawRecord, serialKey } from './domain/intake.validator';
import { ImportReportDto, SerialCheckDto } from './dto/intake.dto';
import { AssetEntity } from './asset.entity';
import { actorLabel } from '../common/auth/roles';
import { isUniqueViolation } from '../database/unique-violation';
import { AssetRepository } from './asset.repository';
import { DeviceModelRepository } from './device-model.repository';
import { LotRow, PurchaseLotRepository } from './purchase-lot.repository';
import { AssetTagAllocator } from './asset-tag.allocator';

export const MAX_IMPORT_ROWS = 100_000;

export type IntakePhase = 'parsed' | 'validated' | 'written';
export type IntakeProgress = (phase: IntakePhase, done: number, total: number) => void;

/**
 * Receives a purchase lot from a CSV of serials. Validation is the same for the dry run and the real run;
 * the real run repeats it inside its transaction (so nothing slips in between) and then writes every row or
 * none. Database lookups are batched (hundreds of keys per query), inserts chunked in one transaction.
 */
@Injectable()
export class AssetIntakeService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly lots: PurchaseLotRepository,
    private readonly models: DeviceModelRepository,
    private readonly tags: AssetTagAllocator,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  parseCsv(text: unknown): RawRecord[] {
    if (typeof text !== 'string' || !text.trim()) {
      throw new ValidationFailed(
        [{ field: 'body', messages: ['send the CSV as the request body with Content-Type text/csv'] }],
        'The CSV file is empty or missing',
        'EMPTY_FILE',
      );
    }
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
    // Italian spreadsheets export with ';'; tab-separated files are welcome too.
    const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
    let parsed: ReturnType<typeof readCsvRecords>;
    try {
      parsed = readCsvRecords(text, { delimiter });
    } catch (err) {
      if (err instanceof DomainError) throw err; // outside the CSV limits: the whole file is refused
      const e = err as { message?: string; lines?: number };
      throw new ValidationFailed(
        [{ field: 'body', messages: [e.message ?? 'unreadable CSV'] }],
        `The CSV cannot be read${e.lines ? ` (line ${e.lines})` : ''}`,
        'CSV_MALFORMED',
      );
    }
    if (parsed.length - 1 > MAX_IMPORT_ROWS) {
      throw new ValidationFailed([{ field: 'body', messages: [`at most ${MAX_IMPORT_ROWS} rows per file`] }], 'The CSV has too many rows', 'TOO_MANY_ROWS');
    }
    return parsed.map((p) => ({ line: p.info.lines, cells: p.record }));
  }

  async import(actor: Actor, lotId: string, csv: unknown, dryRun: boolean, progress?: IntakeProgress): Promise<ImportReportDto> {
    const records = this.parseCsv(csv);
    progress?.('parsed', records.length - 1, records.length - 1);
    const lookup = new ModelLookup(await this.models.list());
    if (dryRun) {
      const lot = await this.requireLot(lotId, this.uow.dataSource.manager);
      const verdict = await this.validate(records, lot, lookup, this.uow.dataSource.manager);
      progress?.('validated', verdict.dataRows, verdict.dataRows);
      return this.report(lot, verdict, true, 0);
    }
    const now = this.clock.nowIso();
    try {
      return await this.uow.run(async (tx) => {
        const lot = await this.requireLot(lotId, tx.manager, tx.kind === 'postgres');
        const verdict = await this.validate(records, lot, lookup, tx.manager);
        progress?.('validated', verdict.dataRows, verdict.dataRows);
        if (verdict.errors.length) {
          throw new RuleViolation('IMPORT_REJECTED', `${verdict.invalidRows} of ${verdict.dataRows} rows are not valid: nothing was imported`, {
            rows: verdict.dataRows,
            invalidRows: verdict.invalidRows,
            ...importErrorList(verdict.errors),
          });
        }
        const rows = verdict.validRows;
        if (!rows.length) throw new ValidationFailed([{ field: 'body', messages: ['the file has a header but no rows'] }], 'Nothing to import', 'EMPTY_FILE');
        if (!(await this.lots.reserve(tx, lot.id, rows.length, now))) {
          throw new Conflict('LOT_CHANGED', 'the lot received other assets meanwhile; validate again', { lotId: lot.id });
        }
        const explicit = new Set(rows.filter((r) => r.assetTag).map((r) => r.assetTag!));
        const generated = await this.tags.allocate(tx, rows.filter((r) => !r.assetTag).length, explicit);
        let g = 0;
        const createdBy = actorLabel(actor);
        const entities: AssetEntity[] = rows.map((r) => ({
          id: randomUUID(),
          assetTag: r.assetTag ?? generated[g++],
          manufacturer: r.manufacturer,
          serial: r.serial,
          kind: r.kind,
          modelId: r.modelId,
          lotId: lot.id,
          ownership: 'municipal',
          location: r.location,
          state: 'in_stock',
          holderEmployeeId: null,
          currentHandoverId: null,
          assignedAt: null,
          mac: r.mac,
          simIccid: r.iccid,
          simPhoneNumber: r.phoneNumber,
          simDataPlan: r.dataPlan,
          notes: r.notes,
          createdAt: now,
          createdBy,
          updatedAt: now,
          version: 1,
        }));
        await this.assets.insertMany(tx, entities, (written) => progress?.('written', written, entities.length));
        const first = entities[0].assetTag;
        const last = entities[entities.length - 1].assetTag;
        await this.audit.record(tx, actor, {
          action: 'assets.imported',
          entityType: 'purchase_lot',
          entityId: lot.id,
          summary: {
            count: entities.length,
            cig: lot.cig,
            firstAssetTag: first,
            lastAssetTag: last,
            received: lot.receivedCount + entities.length,
            quantity: lot.quantity,
          },
        });
        return {
          ...this.report({ ...lot, receivedCount: lot.receivedCount + entities.length }, verdict, false, entities.length),
          firstAssetTag: first,
          lastAssetTag: last,
        };
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Conflict('DUPLICATE_ASSET', 'Another intake registered some of these serials, tags or ICCIDs meanwhile; validate again', { lotId });
      throw err;
    }
  }

  /** The scanner's check: one serial at a time against the lot, nothing written. */
  async validateSerial(lotId: string, serial: string, assetTag?: string): Promise<SerialCheckDto> {
    const lot = await this.requireLot(lotId, this.uow.dataSource.manager);
    const header = assetTag === undefined ? ['serial'] : ['serial', 'asset_tag'];
    const cells = assetTag === undefined ? [serial] : [serial, assetTag];
    const verdict = await this.validate(
      [
        { line: 1, cells: header },
        { line: 2, cells },
      ],
      lot,
      new ModelLookup(await this.models.list()),
      this.uow.dataSource.manager,
    );
    return {
      ok: verdict.errors.length === 0,
      serial: serial.trim().toUpperCase(),
      lotReceived: lot.receivedCount,
      lotQuantity: lot.quantity,
      // line numbers mean nothing to a scanner
      errors: verdict.errors.map((e) => ({ ...e, line: 1 })),
    };
  }

  private async requireLot(lotId: string, manager: EntityManager, lock = false): Promise<LotRow> {
    if (lock) {
      // Two intakes into one lot queue here, so the second validates against the first one's rows.
      await manager.query('SELECT id FROM purchase_lots WHERE id = $1 FOR UPDATE', [lotId]);
    }
    const lot = await this.lots.findById(lotId, manager);
    if (!lot) throw new DomainError('not_found', 'LOT_NOT_FOUND', `purchase lot ${lotId} does not exist`, { lotId });
    return lot;
  }

  private async validate(records: RawRecord[], lot: LotRow, lookup: ModelLookup, manager: EntityManager): Promise<IntakeVerdict> {
    const intakeLot: IntakeLot = { id: lot.id, kind: lot.kind, modelId: lot.modelId, quantity: lot.quantity, received: lot.receivedCount };
    const prepared = prepareIntake(records, intakeLot, lookup);
    const existing: ExistingKeys = { serials: new Set(), assetTags: new Set(), iccids: new Set() };
    if (prepared.serialKeys.length) {
      for (const s of await this.assets.existingSerials(manager, prepared.serialKeys)) existing.serials.add(serialKey(s.manufacturer, s.serial));
    }
    if (prepared.assetTags.length) for (const t of await this.assets.existingValues(manager, 'asset_tag', prepared.assetTags)) existing.assetTags.add(t);
    if (prepared.iccids.length) for (const i of await this.assets.existingValues(manager, 'sim_iccid', prepared.iccids)) existing.iccids.add(i);
    return finishIntake(prepared, existing, intakeLot);
  }

  private report(lot: LotRow, verdict: IntakeVerdict, dryRun: boolean, created: number): ImportReportDto {
    return {
      lotId: lot.id,
      dryRun,
      ok: verdict.errors.length === 0,
      rows: verdict.dataRows,
      validRows: verdict.validRows.length,
      invalidRows: verdict.invalidRows,
      created,
      lotReceived: lot.receivedCount,
      lotQuantity: lot.quantity,
      ...importErrorList(verdict.errors),
    };
  }
}
