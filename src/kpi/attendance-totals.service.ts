import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { calendarDate, Clock } from '../common/clock';
import { importErrorList } from '../common/csv/import-errors';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { AttendanceTotalsRepository } from './attendance-totals.repository';
import { checkServices, parseAttendanceCsv } from './domain/attendance-csv.parser';
import { declaredYear } from './domain/declared-value.rules';
import { AttendanceImportReportDto, AttendanceYearDto } from './dto/pola-inputs.dto';
import { KpiAttendanceTotalEntity } from './kpi-attendance-total.entity';

export interface AttendanceYearTotals {
  months: number;
  services: number;
  workingDays: number;
  remoteDays: number;
  absenceDays: number;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : null);

/**
 * The HR attendance system's monthly totals per service (issue 14): the two attendance indicators of the POLA
 * report, % remote-work days and % absence days, are ratios of their sums. An import is all or nothing and replaces
 * the months it carries; a file that names people is refused whole before anything else is said about it.
 */
@Injectable()
export class AttendanceTotalsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AttendanceTotalsRepository,
    private readonly directory: EmployeeDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private thisMonth(): string {
    return calendarDate(this.clock.now(), this.config.env.TIMEZONE).slice(0, 7);
  }

  /** The year's sums (null when nothing was imported for it): the POLA report's attendance indicators. */
  forYear(year: number): Promise<AttendanceYearTotals | null> {
    return this.repository.yearTotals(year);
  }

  async read(rawYear: unknown): Promise<AttendanceYearDto> {
    const thisYear = Number(this.thisMonth().slice(0, 4));
    const year = declaredYear(rawYear ?? thisYear, thisYear);
    const [totals, months, services] = await Promise.all([this.repository.yearTotals(year), this.repository.byMonth(year), this.repository.byService(year)]);
    const withPct = <T extends { workingDays: number; remoteDays: number; absenceDays: number }>(r: T) => ({
      ...r,
      remoteDaysPct: pct(r.remoteDays, r.workingDays),
      absenceDaysPct: pct(r.absenceDays, r.workingDays),
    });
    return {
      year,
      totals: totals ? withPct(totals) : null,
      months: months.map((m) => withPct({ ...m, month: `${year}-${String(m.month).padStart(2, '0')}` })),
      services: services.map(withPct),
    };
  }

  async import(actor: Actor, text: unknown): Promise<AttendanceImportReportDto> {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new DomainError('validation', 'CSV_BODY_REQUIRED', 'Send the attendance totals as the request body with content type text/csv or text/plain');
    }
    const parsed = parseAttendanceCsv(text, this.thisMonth());
    return this.uow.run(async (tx) => {
      const candidates = [...new Set(parsed.textCells.map((c) => c.value))];
      const known = new Set((await this.directory.servicesByCodes([...new Set(candidates.map((c) => c.toUpperCase()))], tx)).map((s) => s.code));
      const unknown = candidates.filter((c) => !known.has(c.toUpperCase()));
      const people = new Set((await this.directory.personIdentifiersAmong(unknown, tx)).map((v) => v.toLowerCase()));
      const checked = checkServices(parsed, known, people);
      const personData = [...parsed.personData, ...checked.personData].sort((a, b) => a.line - b.line);
      if (personData.length > 0) {
        const list = importErrorList(personData);
        throw new DomainError(
          'validation',
          'ATTENDANCE_PER_PERSON_DATA',
          'The file holds data about people, not monthly totals per service: nothing was imported',
          {
            reasons: list.errors,
            reasonCount: list.errorCount,
            truncated: list.truncated,
          },
        );
      }
      const errors = [...parsed.errors, ...checked.errors].sort((a, b) => a.line - b.line);
      if (errors.length > 0) {
        throw new DomainError('validation', 'ATTENDANCE_IMPORT_INVALID', `The attendance totals have ${errors.length} problem(s); nothing was imported`, {
          ...importErrorList(errors),
          rows: parsed.total,
        });
      }
      const months = [...new Map(parsed.rows.map((r) => [`${r.year}-${r.month}`, { year: r.year, month: r.month }])).values()].sort(
        (a, b) => a.year - b.year || a.month - b.month,
      );
      const replaced = await this.repository.countMonths(tx, months);
      await this.repository.deleteMonths(tx, months);
      const now = this.clock.nowIso();
      const rows: KpiAttendanceTotalEntity[] = parsed.rows.map((r) => ({
        year: r.year,
        month: r.month,
        serviceCode: r.serviceCode,
        workingDays: r.workingDays,
        remoteDays: r.remoteDays,
        absenceDays: r.absenceDays,
        importedAt: now,
        importedBy: actor.name,
      }));
      await this.repository.insertMany(tx, rows);
      const report: AttendanceImportReportDto = {
        rows: rows.length,
        months: months.map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`),
        services: new Set(rows.map((r) => r.serviceCode)).size,
        replacedRows: replaced,
      };
      // counts only: the totals are aggregates, but the audit chain is not where they are read
      await this.audit.record(tx, actor, {
        action: 'kpi.attendance.import',
        entityType: 'kpi_attendance_totals',
        entityId: 'attendance',
        summary: {
          rows: report.rows,
          months: report.months.length,
          firstMonth: report.months[0],
          lastMonth: report.months.at(-1),
          services: report.services,
          replacedRows: replaced,
        },
      });
      return report;
    });
  }
}
