import { Injectable } from '@nestjs/common';
import { RuleViolation } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { SeriesDto } from '../dto/kpi.dto';
import { KpiService } from '../kpi.service';
import { PolaService } from '../pola.service';
import { documentFileName, PolaDocumentInput } from './pola-document.content';
import { renderPolaCsv } from './pola-csv.renderer';
import { renderPolaPdf } from './pola-pdf.renderer';
import { renderPolaXlsx } from './pola-xlsx.renderer';

export type PolaDocumentFormat = 'pdf' | 'xlsx' | 'csv';

export interface PolaDocument {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const CONTENT_TYPES: Record<PolaDocumentFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The yearly POLA document (GET /api/v1/kpi/pola.pdf, .xlsx, .csv): the year's Part 4 report (PolaService), the
 * yearly series of the dashboard's charts up to that year (KpiService), the municipality's name and time zone.
 * Rendered at every request from the current records: nothing is stored.
 */
@Injectable()
export class PolaDocumentsService {
  constructor(
    private readonly pola: PolaService,
    private readonly kpi: KpiService,
    private readonly config: AppConfig,
  ) {}

  async render(format: PolaDocumentFormat, year?: number): Promise<PolaDocument> {
    const input = await this.input(year);
    const bytes = format === 'pdf' ? await renderPolaPdf(input) : format === 'xlsx' ? await renderPolaXlsx(input) : Buffer.from(renderPolaCsv(input), 'utf8');
    return { fileName: documentFileName(input.report.year, format), contentType: CONTENT_TYPES[format], bytes };
  }

  async input(year?: number): Promise<PolaDocumentInput> {
    const report = await this.pola.report(year);
    return { municipality: this.config.env.MUNICIPALITY_NAME, timeZone: this.config.env.TIMEZONE, report, series: await this.series(report.year) };
  }

  /** From the first year with targets to the report's; a year before the targets (or past 20 years of them) charts itself alone. */
  private async series(year: number): Promise<SeriesDto> {
    try {
      return await this.kpi.series(undefined, year);
    } catch (err) {
      if (err instanceof RuleViolation && (err.code === 'KPI_RANGE_INVALID' || err.code === 'KPI_RANGE_TOO_LONG')) return this.kpi.series(year, year);
      throw err;
    }
  }
}
