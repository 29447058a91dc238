import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { PolaQueryDto, SeriesDto, SeriesQueryDto } from './dto/kpi.dto';
import { PolaReportDto } from './dto/pola.dto';
import { KpiService } from './kpi.service';
import { PolaService } from './pola.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi')
export class KpiController {
  constructor(
    private readonly kpi: KpiService,
    private readonly pola: PolaService,
  ) {}

  /**
   * The POLA report of a year: the 22 indicators of Part 4 grouped as the plan groups them, each with its typed
   * baseline and target, value, status, numerator and denominator and source; plus the operational indicators.
   * The documents (PDF, XLSX, CSV) are under pola.pdf / pola.xlsx / pola.csv.
   */
  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola')
  @Roles('rtd')
  @ApiOkResponse({ type: PolaReportDto })
  report(@Query() query: PolaQueryDto): Promise<PolaReportDto> {
    return this.pola.report(query.year);
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
