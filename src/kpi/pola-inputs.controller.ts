import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CSV_LIMITS_DOC } from '../common/csv/csv-reader';
import { ApiErrors } from '../common/http/api-errors';
import { AttendanceTotalsService } from './attendance-totals.service';
import { DeclaredValuesService } from './declared-values.service';
import {
  AttendanceImportReportDto,
  AttendanceYearDto,
  DeclaredValueDto,
  DeclaredValuesDto,
  DeclareValueDto,
  PolaInputYearQueryDto,
} from './dto/pola-inputs.dto';

/**
 * What the POLA report takes from people (issue 14): the values the RTD declares with an evidence note, and the
 * HR attendance system's monthly totals per service.
 */
@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi')
export class PolaInputsController {
  constructor(
    private readonly declared: DeclaredValuesService,
    private readonly attendance: AttendanceTotalsService,
  ) {}

  @ApiErrors('DECLARED_YEAR_OUT_OF_RANGE')
  @Get('declared')
  @Roles('rtd', 'admin')
  @ApiOkResponse({ type: DeclaredValuesDto })
  list(@Query() query: PolaInputYearQueryDto): Promise<DeclaredValuesDto> {
    return this.declared.list(query.year);
  }

  /** Declares (or replaces) the value of an indicator the service cannot measure. */
  @ApiErrors('DECLARED_INDICATOR_NOT_DECLARABLE', 'DECLARED_YEAR_OUT_OF_RANGE', 'DECLARED_VALUE_INVALID', 'DECLARED_NOTE_INVALID')
  @Put('declared/:year/:indicator')
  @Roles('rtd', 'admin')
  @ApiOkResponse({ type: DeclaredValueDto })
  declare(
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Param('indicator') indicator: string,
    @Body() body: DeclareValueDto,
  ): Promise<DeclaredValueDto> {
    return this.declared.declare(actor, year, indicator, body);
  }

  @ApiErrors('DECLARED_INDICATOR_NOT_DECLARABLE', 'DECLARED_YEAR_OUT_OF_RANGE', 'DECLARED_VALUE_NOT_FOUND')
  @Delete('declared/:year/:indicator')
  @Roles('rtd', 'admin')
  @ApiOkResponse({ type: DeclaredValueDto, description: 'the declaration as it was' })
  withdraw(@CurrentActor() actor: Actor, @Param('year') year: string, @Param('indicator') indicator: string): Promise<DeclaredValueDto> {
    return this.declared.withdraw(actor, year, indicator);
  }

  @ApiErrors('ATTENDANCE_PER_PERSON_DATA', 'ATTENDANCE_IMPORT_INVALID', 'CSV_BODY_REQUIRED', 'CSV_LINE_TOO_LONG', 'CSV_RECORD_TOO_LONG', 'CSV_TOO_MANY_COLUMNS')
  @Post('attendance/import')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiConsumes('text/csv', 'text/plain')
  @ApiBody({
    description:
      'monthly totals per service from the attendance system: anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza ' +
      '(semicolon or comma). A file that names people (a person column, a codice fiscale, an e-mail, an employee number, two rows for ' +
      `one service and month) is refused whole with ATTENDANCE_PER_PERSON_DATA. The months in the file replace their earlier totals. ${CSV_LIMITS_DOC}`,
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: AttendanceImportReportDto })
  importAttendance(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<AttendanceImportReportDto> {
    return this.attendance.import(actor, body);
  }

  @ApiErrors('DECLARED_YEAR_OUT_OF_RANGE')
  @Get('attendance')
  @Roles('hr', 'admin', 'rtd')
  @ApiOkResponse({ type: AttendanceYearDto })
  readAttendance(@Query() query: PolaInputYearQueryDto): Promise<AttendanceYearDto> {
    return this.attendance.read(query.year);
  }
}
