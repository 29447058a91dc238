import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors/domain-error';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { OffboardingCaseListDto, OffboardingCaseDto, OffboardingCaseListQueryDto, OffboardingStepDto } from './dto/offboarding.dto';
import { OffboardingCaseStepEntity } from './offboarding-case-step.entity';
import { OffboardingCaseEntity } from './offboarding-case.entity';
import { OffboardingCaseRepository } from './offboarding-case.repository';
import { OffboardingStepsRegistry } from './offboarding-steps.registry';

/** Reads cases for the people who follow them up (technicians, hot-line, HR). */
@Injectable()
export class OffboardingCasesService {
  constructor(
    private readonly cases: OffboardingCaseRepository,
    private readonly steps: OffboardingStepsRegistry,
  ) {}

  async list(query: OffboardingCaseListQueryDto): Promise<OffboardingCaseListDto> {
    const limit = query.limit ?? 50;
    const after = readCursor(query.cursor, '-createdAt', 2);
    const rows = await this.cases.list({ status: query.status, employeeId: query.employeeId, after, limit: limit + 1 });
    const steps = await this.cases.stepsOfMany(rows.slice(0, limit).map((c) => c.id));
    return pageOf(
      rows,
      limit,
      '-createdAt',
      (c) => [c.createdAt, c.id],
      (c) =>
        this.toDto(
          c,
          steps.filter((s) => s.caseId === c.id),
        ),
    );
  }

  async get(id: string): Promise<OffboardingCaseDto> {
    const entity = await this.cases.findById(id);
    if (!entity) throw NotFound.entity('OFFBOARDING_CASE_NOT_FOUND', 'offboarding_case', id);
    return this.toDto(entity, await this.cases.stepsOf(id));
  }

  private toDto(c: OffboardingCaseEntity, recorded: OffboardingCaseStepEntity[]): OffboardingCaseDto {
    const byName = new Map(recorded.map((s) => [s.stepName, s]));
    const names = [...new Set([...this.steps.all().map((s) => s.name), ...recorded.map((s) => s.stepName)])];
    const steps: OffboardingStepDto[] = names.map((name) => {
      const s = byName.get(name);
      if (!s) return { name, status: 'pending', attempts: 0, result: null, lastError: null, doneAt: null };
      return {
        name,
        status: s.status,
        attempts: s.attempts,
        result: s.result ? (JSON.parse(s.result) as Record<string, unknown>) : null,
        lastError: s.lastError,
        doneAt: s.doneAt,
      };
    });
    return {
      id: c.id,
      employeeId: c.employeeId,
      trigger: c.trigger,
      agreementId: c.agreementId,
      effectiveDate: c.effectiveDate,
      status: c.status,
      runs: c.runs,
      createdAt: c.createdAt,
      closedAt: c.closedAt,
      steps,
    };
  }
}
