import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { NotFound } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { DeclaredValuesRepository } from './declared-values.repository';
import { checkDeclaration, declarableIndicator, declaredYear, plainValue } from './domain/declared-value.rules';
import { DECLARABLE_INDICATORS, DeclaredValue, PolaIndicatorId, PolaValue } from './domain/pola-types';
import { currentYear } from './domain/reference-date';
import { DeclaredValueDto, DeclaredValuesDto } from './dto/pola-inputs.dto';
import { KpiDeclaredValueEntity } from './kpi-declared-value.entity';

function toValue(r: KpiDeclaredValueEntity): PolaValue {
  return r.valueKind === 'presence' ? { kind: 'presence', present: Boolean(r.valuePresent) } : { kind: 'number', value: Number(r.valueNumber) };
}

function toDeclared(r: KpiDeclaredValueEntity): DeclaredValue {
  return { indicator: r.indicator as PolaIndicatorId, year: r.year, value: toValue(r), note: r.note, declaredAt: r.declaredAt, declaredBy: r.declaredBy };
}

function toDto(r: KpiDeclaredValueEntity): DeclaredValueDto {
  const d = toDeclared(r);
  return { ...d, value: plainValue(d.value), version: r.version };
}

/**
 * The values the RTD declares for what the service cannot measure (issue 14). A declaration replaces the previous
 * one for its year and indicator; the audit chain keeps each one with the value and note it replaced.
 */
@Injectable()
export class DeclaredValuesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: DeclaredValuesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private thisYear(): number {
    return currentYear(this.clock.now(), this.config.env.TIMEZONE);
  }

  /** What the report shows as declared for the year (the POLA report calls this). */
  async forYear(year: number): Promise<DeclaredValue[]> {
    return (await this.repository.forYear(year)).map(toDeclared);
  }

  async list(rawYear: unknown): Promise<DeclaredValuesDto> {
    const thisYear = this.thisYear();
    const year = declaredYear(rawYear ?? thisYear, thisYear);
    const rows = await this.repository.forYear(year);
    const declared = new Set(rows.map((r) => r.indicator));
    return { year, values: rows.map(toDto), missing: DECLARABLE_INDICATORS.filter((i) => !declared.has(i)) };
  }

  async declare(actor: Actor, rawYear: unknown, rawIndicator: unknown, body: { value?: unknown; note?: unknown }): Promise<DeclaredValueDto> {
    const d = checkDeclaration({ year: rawYear, indicator: rawIndicator, value: body.value, note: body.note }, this.thisYear());
    return this.uow.run(async (tx) => {
      const before = await this.repository.lock(tx, d.year, d.indicator);
      const row: KpiDeclaredValueEntity = {
        year: d.year,
        indicator: d.indicator,
        valueKind: d.value.kind,
        valueNumber: d.value.kind === 'number' ? d.value.value : null,
        valuePresent: d.value.kind === 'presence' ? d.value.present : null,
        note: d.note,
        declaredAt: this.clock.nowIso(),
        declaredBy: actor.name,
        version: (before?.version ?? 0) + 1,
      };
      await this.repository.save(tx, row);
      await this.audit.record(tx, actor, {
        action: before ? 'kpi.declared_value.replace' : 'kpi.declared_value.declare',
        entityType: 'kpi_declared_value',
        entityId: `${d.year}/${d.indicator}`,
        summary: {
          year: d.year,
          indicator: d.indicator,
          version: row.version,
          before: before ? { value: plainValue(toValue(before)), note: before.note, declaredAt: before.declaredAt, declaredBy: before.declaredBy } : null,
          after: { value: plainValue(d.value), note: d.note },
        },
      });
      return toDto(row);
    });
  }

  /** Withdraws a declaration (the indicator goes back to "no data"); answers it as it was. */
  async withdraw(actor: Actor, rawYear: unknown, rawIndicator: unknown): Promise<DeclaredValueDto> {
    const indicator = declarableIndicator(rawIndicator);
    const year = declaredYear(rawYear, this.thisYear());
    return this.uow.run(async (tx) => {
      const before = await this.repository.lock(tx, year, indicator);
      if (!before) throw new NotFound('DECLARED_VALUE_NOT_FOUND', `Nothing is declared for ${indicator} in ${year}`, { indicator, year });
      await this.repository.delete(tx, year, indicator);
      await this.audit.record(tx, actor, {
        action: 'kpi.declared_value.withdraw',
        entityType: 'kpi_declared_value',
        entityId: `${year}/${indicator}`,
        summary: { year, indicator, version: before.version, before: { value: plainValue(toValue(before)), note: before.note }, after: null },
      });
      return toDto(before);
    });
  }
}
