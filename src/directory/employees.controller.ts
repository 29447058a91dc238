import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ValidationFailed } from '../common/errors/domain-error';
import { uuidParam } from '../common/http/pipes';
import { CSV_LIMITS_DOC } from '../common/csv/csv-reader';
import { SPECIAL_CATEGORY_READERS } from '../common/auth/special-category';
import { ApiResponseByRole, RoleVariant } from '../common/http/api-response-by-role';
import { CreateEmployeeDto, EmployeeDto, EmployeeHrDto, EmployeeHrPageDto, EmployeeListQueryDto, EmployeePageDto, UpdateEmployeeDto } from './dto/employee.dto';
import { employeeFor, employeePageFor, toEmployeeHrDto } from './employee.mapper';
import { EmployeeImportQueryDto, EmployeeImportReportDto } from './dto/import.dto';
import { EmployeeImportService } from './employee-import.service';
import { ManagerReaches } from './manager-reach.service';
import { EmployeeService } from './employee.service';
import { ApiErrors } from '../common/http/api-errors';

const CSV_DESCRIPTION = [
  'Employee CSV (Content-Type text/csv), comma or semicolon separated, UTF-8 (BOM allowed), header line first.',
  '',
  'Required columns: employee_number (matricola, unique), first_name, last_name, service_code (an existing service).',
  'Optional columns: external_id (stable id in the source system, unique), username (directory login, unique),',
  'email, profile, category (max 10 chars), is_manager, is_director_general, disabled_worker, active',
  '(flags: true/false, yes/no, sì/no, 1/0). Header names are case-insensitive; camelCase is accepted.',
  '',
  'Rows match existing employees by external_id when given, else by employee_number, and update only the',
  'columns present; a blank text cell clears the value, a blank flag cell keeps it. active=false deactivates',
  'the employee and starts offboarding.',
  '',
  'dryRun=true: the problems of every line (line, column, code, message; the first 100 and their count) and what would change; nothing is',
  'written. Otherwise all or nothing: any error answers 422 IMPORT_REJECTED with the same list and writes nothing.',
  'Error codes: CSV_MALFORMED, EMPTY_FILE, UNKNOWN_COLUMN, MISSING_COLUMN, DUPLICATE_COLUMN, WRONG_FIELD_COUNT,',
  'MISSING_FIELD, TOO_LONG, BAD_EMAIL, BAD_USERNAME, BAD_SERVICE_CODE, BAD_FLAG, UNKNOWN_SERVICE_CODE,',
  'DUPLICATE_IN_FILE, DUPLICATE_IN_DATABASE, CONFLICTING_IDS, MANAGER_FLAG_NEEDS_ADMIN (a line that would grant, remove',
  "or move signing authority — is_manager, is_director_general, a manager's service_code — imported by anyone but an admin).",
  '',
  CSV_LIMITS_DOC,
].join('\n');

/** The disability status is special-category data (GDPR art. 9): HR and admins only. */
const EMPLOYEE_BY_ROLE: RoleVariant[] = [
  { roles: SPECIAL_CATEGORY_READERS, type: EmployeeHrDto },
  { roles: 'others', type: EmployeeDto },
];
const EMPLOYEE_PAGE_BY_ROLE: RoleVariant[] = [
  { roles: SPECIAL_CATEGORY_READERS, type: EmployeeHrPageDto },
  { roles: 'others', type: EmployeePageDto },
];

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/v1/employees')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeeService,
    private readonly reach: ManagerReaches,
    private readonly imports: EmployeeImportService,
  ) {}

  @ApiErrors(
    'EMPLOYEE_CONFLICT',
    'EMPLOYEE_NOT_FOUND',
    'EMPLOYEE_NUMBER_TAKEN',
    'EXTERNAL_ID_TAKEN',
    'MANAGER_FLAG_NEEDS_ADMIN',
    'UNKNOWN_SERVICE_CODE',
    'USERNAME_TAKEN',
  )
  @Post()
  @Roles('hr')
  @ApiCreatedResponse({ type: EmployeeHrDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateEmployeeDto): Promise<EmployeeHrDto> {
    return toEmployeeHrDto(await this.employees.create(actor, body));
  }

  @ApiErrors('CSV_BODY_REQUIRED', 'CSV_LINE_TOO_LONG', 'CSV_RECORD_TOO_LONG', 'CSV_TOO_MANY_COLUMNS', 'IMPORT_CONFLICT', 'IMPORT_REJECTED')
  @Post('import')
  @Roles('hr')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import employees from CSV (dry run or all-or-nothing)', description: CSV_DESCRIPTION })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: CSV_DESCRIPTION,
    schema: {
      type: 'string',
      example: 'employee_number,first_name,last_name,service_code,username,email\nM0001,Maria,Rossi,SD,mrossi,maria.rossi@comune.example.it',
    },
  })
  @ApiOkResponse({ type: EmployeeImportReportDto })
  import(@CurrentActor() actor: Actor, @Query() query: EmployeeImportQueryDto, @Body() body: unknown): Promise<EmployeeImportReportDto> {
    if (typeof body !== 'string' || body.trim() === '') {
      throw new ValidationFailed(
        [{ field: 'body', messages: ['send the CSV as the body with Content-Type text/csv'] }],
        'A CSV body is required',
        'CSV_BODY_REQUIRED',
      );
    }
    return this.imports.import(actor, body, query.dryRun ?? false);
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('hr', 'technician', 'hotline', 'manager')
  @ApiResponseByRole(200, EMPLOYEE_PAGE_BY_ROLE)
  async list(@CurrentActor() actor: Actor, @Query() query: EmployeeListQueryDto): Promise<EmployeePageDto | EmployeeHrPageDto> {
    return employeePageFor(actor, await this.employees.list(query, (await this.reach.of(actor)) ?? undefined));
  }

  @ApiErrors('EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Get(':id')
  @Roles('hr', 'technician', 'hotline', 'manager')
  @ApiResponseByRole(200, EMPLOYEE_BY_ROLE)
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<EmployeeDto | EmployeeHrDto> {
    const employee = await this.employees.get(id);
    await this.reach.assertReaches(actor, id);
    return employeeFor(actor, employee);
  }

  @ApiErrors(
    'EMPLOYEE_CONFLICT',
    'EMPLOYEE_NOT_FOUND',
    'EMPLOYEE_NUMBER_TAKEN',
    'EXTERNAL_ID_TAKEN',
    'INVALID_ID',
    'MANAGER_FLAG_NEEDS_ADMIN',
    'QUEUE_UNAVAILABLE',
    'UNKNOWN_SERVICE_CODE',
    'USERNAME_TAKEN',
    'VERSION_CONFLICT',
  )
  @Patch(':id')
  @Roles('hr')
  @ApiOkResponse({ type: EmployeeHrDto })
  async update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: UpdateEmployeeDto): Promise<EmployeeHrDto> {
    return toEmployeeHrDto(await this.employees.update(actor, id, body));
  }
}
