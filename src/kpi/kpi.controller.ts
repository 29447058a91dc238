import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { PolaQueryDto, PolaReportDto, SeriesDto, SeriesQueryDto } from './dto/kpi.dto';
import { KpiService } from './kpi.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi')
export class KpiController {
  constructor(private readonly kpi: KpiService) {}

  /** Every POLA indicator of a year with value, baseline, target, status, numerator and denominator. */
  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola')
  @Roles('rtd')
  @ApiOkResponse({ type: PolaReportDto })
  pola(@Query() query: PolaQueryDto): Promise<PolaReportDto> {
    return this.kpi.pola(query.year);
  }

  /** The same, one line per indicator: semicolon-separated UTF-8 with BOM (opens in columns in Italian Excel). */
  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola.csv')
  @Roles('rtd')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'year;reference_date;indicator;unit;scope;as_of;value;baseline_year;baseline;target;expected;status;numerator;denominator;definition;…',
  })
  async polaCsv(@Query() query: PolaQueryDto, @Res() res: Response): Promise<void> {
    const csv = await this.kpi.polaCsv(query.year);
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${csv.fileName}"`, 'Cache-Control': 'no-store' });
    res.send(csv.body);
  }

  /** Laptops for remote work, equipped workers and investment for each year of a range (the dashboard's charts). */
  @ApiErrors('INVALID_YEAR', 'KPI_RANGE_INVALID', 'KPI_RANGE_TOO_LONG', 'KPI_YEAR_IN_FUTURE')
  @Get('series')
  @Roles('rtd')
  @ApiOkResponse({ type: SeriesDto })
  series(@Query() query: SeriesQueryDto): Promise<SeriesDto> {
    return this.kpi.series(query.from, query.to);
  }
}
