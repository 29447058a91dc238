import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { EMPLOYEE_SORTS, EmployeeSort, SortOrder } from '../domain/employee-cursor';
import { EMPLOYEE_LIMITS } from '../domain/employee-fields';
import { EmployeeSource } from '../employee.entity';

const USERNAME = /^[A-Za-z0-9._@-]+$/;
const SERVICE_CODE = /^[A-Za-z0-9_-]{1,10}$/;
const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const nullable = () => ValidateIf((_o, v) => v !== null);
const AUTHORITY = 'signing authority (countersigns agreements): set or changed by an admin or the directory sync only; HR gets 403 MANAGER_FLAG_NEEDS_ADMIN';

export class CreateEmployeeDto {
  @ApiProperty({ description: 'HR number (matricola), unique', example: 'M001234' })
  @trim()
  @IsString()
  @Length(1, EMPLOYEE_LIMITS.employeeNumber)
  employeeNumber: string;

  @ApiProperty({ example: 'Maria' }) @trim() @IsString() @Length(1, EMPLOYEE_LIMITS.firstName) firstName: string;
  @ApiProperty({ example: 'Rossi' }) @trim() @IsString() @Length(1, EMPLOYEE_LIMITS.lastName) lastName: string;

  @ApiProperty({ description: 'code of an existing service', example: 'SD' })
  @trim()
  @Matches(SERVICE_CODE, { message: 'serviceCode must be 1-10 letters, digits, - or _' })
  serviceCode: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'stable id in the source system (unique)' })
  @IsOptional()
  @nullable()
  @trim()
  @IsString()
  @Length(1, EMPLOYEE_LIMITS.externalId)
  externalId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'directory login, also the VPN username (unique)' })
  @IsOptional()
  @nullable()
  @trim()
  @Matches(USERNAME, { message: 'username may hold letters, digits, ".", "_", "@" and "-" only' })
  @MaxLength(EMPLOYEE_LIMITS.username)
  username?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsEmail() @MaxLength(EMPLOYEE_LIMITS.email) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsString() @MaxLength(EMPLOYEE_LIMITS.profile) profile?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsString() @MaxLength(EMPLOYEE_LIMITS.category) category?:
    string | null;
  @ApiPropertyOptional({ default: false, description: AUTHORITY }) @IsOptional() @IsBoolean() isManager?: boolean;
  @ApiPropertyOptional({ default: false, description: AUTHORITY }) @IsOptional() @IsBoolean() isDirectorGeneral?: boolean;
  @ApiPropertyOptional({ default: false, description: 'protected worker: 90 days notice when the employer withdraws' })
  @IsOptional()
  @IsBoolean()
  disabledWorker?: boolean;
}

export class UpdateEmployeeDto {
  @ApiProperty({ description: 'the version you read; a stale version is refused with 409 VERSION_CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @trim() @IsString() @Length(1, EMPLOYEE_LIMITS.employeeNumber) employeeNumber?: string;
  @ApiPropertyOptional() @IsOptional() @trim() @IsString() @Length(1, EMPLOYEE_LIMITS.firstName) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @trim() @IsString() @Length(1, EMPLOYEE_LIMITS.lastName) lastName?: string;
  @ApiPropertyOptional({ description: "a manager's service is signing authority too: an admin's to change (403 MANAGER_FLAG_NEEDS_ADMIN)" })
  @IsOptional()
  @trim()
  @Matches(SERVICE_CODE, { message: 'serviceCode must be 1-10 letters, digits, - or _' })
  serviceCode?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @nullable()
  @trim()
  @IsString()
  @Length(1, EMPLOYEE_LIMITS.externalId)
  externalId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @nullable()
  @trim()
  @Matches(USERNAME, { message: 'username may hold letters, digits, ".", "_", "@" and "-" only' })
  @MaxLength(EMPLOYEE_LIMITS.username)
  username?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsEmail() @MaxLength(EMPLOYEE_LIMITS.email) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsString() @MaxLength(EMPLOYEE_LIMITS.profile) profile?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @nullable() @trim() @IsString() @MaxLength(EMPLOYEE_LIMITS.category) category?:
    string | null;
  @ApiPropertyOptional({ description: AUTHORITY }) @IsOptional() @IsBoolean() isManager?: boolean;
  @ApiPropertyOptional({ description: AUTHORITY }) @IsOptional() @IsBoolean() isDirectorGeneral?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabledWorker?: boolean;
  @ApiPropertyOptional({ description: 'false deactivates the employee and starts offboarding; true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ description: 'why the employee is deactivated (with active: false)', example: 'resigned' })
  @IsOptional()
  @trim()
  @IsString()
  @Length(1, 200)
  deactivationReason?: string;
}

const toBool = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value));

export class EmployeeListQueryDto {
  @ApiPropertyOptional({ description: 'service code' }) @IsOptional() @trim() @Matches(SERVICE_CODE) serviceCode?: string;
  @ApiPropertyOptional() @IsOptional() @toBool() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @toBool() @IsBoolean() isManager?: boolean;
  @ApiPropertyOptional({ description: 'case-insensitive text in first/last name, employee number or username' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ enum: EMPLOYEE_SORTS, default: 'name' }) @IsOptional() @IsIn(EMPLOYEE_SORTS) sort?: EmployeeSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: SortOrder;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/**
 * An employee as technicians, the hot-line and managers read them: no special-category data (GDPR art. 9). HR and
 * admins read EmployeeHrDto, which adds the disability status (src/common/auth/special-category.ts).
 */
export class EmployeeDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeNumber: string;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ enum: ['directory', 'csv', 'manual'] }) source: EmployeeSource;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() serviceId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty() serviceName: string;
  @ApiProperty({ nullable: true, type: String }) profile: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty() isManager: boolean;
  @ApiProperty() isDirectorGeneral: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String }) deactivatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deactivationReason: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSyncedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'send it back with PATCH' }) version: number;
}

export class EmployeeHrDto extends EmployeeDto {
  @ApiProperty({ description: 'special-category data: protected worker (L. 68/1999), 90 days notice when the employer withdraws' })
  disabledWorker: boolean;
}

export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto] }) items: EmployeeDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

export class EmployeeHrPageDto {
  @ApiProperty({ type: [EmployeeHrDto] }) items: EmployeeHrDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
