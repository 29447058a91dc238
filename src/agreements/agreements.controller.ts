import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { SPECIAL_CATEGORY_READERS } from '../common/auth/special-category';
import { ApiResponseByRole, RoleVariant } from '../common/http/api-response-by-role';
import { uuidParam } from '../common/http/pipes';
import { ManagerReaches } from '../directory';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementSweepService } from './agreement-sweep.service';
import { AgreementsService } from './agreements.service';
import { agreementFor, agreementListFor } from './agreement.mapper';
import { AgreementDto, AgreementHrDto, AgreementHrListDto, AgreementListDto, SweepReportDto } from './dto/agreement.dto';
import {
  AgreementListQueryDto,
  ConfirmCountersignatureDto,
  CreateAgreementDto,
  RejectCountersignatureDto,
  ResumeAgreementDto,
  SafetyNoticeDto,
  SignAgreementDto,
  SuspendAgreementDto,
  UpdateAgreementDto,
  WithdrawAgreementDto,
} from './dto/agreement-input.dto';
import { ApiErrors } from '../common/http/api-errors';

/** Per person: never the RTD, who reads aggregates (GET /api/v1/kpi/pola). */
const READERS = ['hr', 'manager', 'technician', 'hotline'] as const;

/** Special-category data (the withdrawal, its basis and notice) for HR and admins only. */
const AGREEMENT_BY_ROLE: RoleVariant[] = [
  { roles: SPECIAL_CATEGORY_READERS, type: AgreementHrDto },
  { roles: 'others', type: AgreementDto },
];
const AGREEMENT_LIST_BY_ROLE: RoleVariant[] = [
  { roles: SPECIAL_CATEGORY_READERS, type: AgreementHrListDto },
  { roles: 'others', type: AgreementListDto },
];

const SIGN_DESCRIPTION = [
  'Two different people take an employee from no agreement to passing the gate (SPEC §2): the counterpart',
  "signature is the countersigner's own act. It counts at once when the countersigner (dirigente of the employee's",
  'service, or the Direttore Generale) records it with their own directory login, unless that same login recorded',
  "the employee's signature. Recorded by anyone else (HR from the signed paper: documentReference is then required)",
  'it awaits confirmation: the agreement becomes `awaiting_confirmation` once both signatures are recorded, and the',
  'gate refuses it with AGREEMENT_NOT_SIGNED and COUNTERSIGNATURE_UNCONFIRMED until a second person confirms it',
  '(POST …/countersignature/confirm).',
  '',
  'Error codes: AGREEMENT_STATE_CONFLICT, ALREADY_SIGNED, SIGNER_NOT_FOUND, EMPLOYEE_INACTIVE, SIGNER_INACTIVE,',
  'SIGNER_NOT_THE_EMPLOYEE, SIGNER_IS_THE_EMPLOYEE, DIRECTOR_GENERAL_SIGNATURE_REQUIRED, SIGNER_NOT_A_MANAGER,',
  'SIGNER_NOT_MANAGER_OF_SERVICE, DOCUMENT_HASH_MISMATCH, DOCUMENT_REFERENCE_REQUIRED, AGREEMENT_PERIOD_OVER,',
  'AGREEMENT_OVERLAP, AGREEMENT_CHANGED.',
].join('\n');

const CONFIRM_DESCRIPTION = [
  "The second person: an admin, or the countersigner's own directory login (role manager). Whoever recorded the",
  "counterpart's or the employee's signature may not confirm it, nor anyone acting with a token the other created",
  '(the creator of a token has seen its secret). The countersigner must still be the right one today.',
  'Refusals by the rule are audited (agreement.countersignature_refused) and change nothing.',
  '',
  'Error codes: NO_COUNTERSIGNATURE_AWAITING (409), NOT_THE_COUNTERSIGNER (403), SIGNATURE_NEEDS_SECOND_PERSON (403),',
  'EMPLOYEE_INACTIVE, SIGNER_INACTIVE, DIRECTOR_GENERAL_SIGNATURE_REQUIRED, SIGNER_NOT_A_MANAGER,',
  'SIGNER_NOT_MANAGER_OF_SERVICE, AGREEMENT_PERIOD_OVER, AGREEMENT_OVERLAP, AGREEMENT_CHANGED.',
].join('\n');

const REJECT_DESCRIPTION = [
  'A wrong scan or a wrong signer: the recorded counterpart signature is removed and the agreement is a draft',
  "awaiting it again. Allowed to whoever could confirm it (an admin, the countersigner's own login) and to whoever",
  'recorded it. Error codes: NO_COUNTERSIGNATURE_AWAITING (409), NOT_THE_COUNTERSIGNER (403), AGREEMENT_CHANGED.',
].join('\n');

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly signing: AgreementSigningService,
    private readonly sweeper: AgreementSweepService,
    private readonly reach: ManagerReaches,
  ) {}

  @ApiErrors(
    'AGREEMENT_OVERLAP',
    'AGREEMENT_TERMS_INVALID',
    'BANDS_OVERLAP',
    'EMPLOYEE_INACTIVE',
    'EMPLOYEE_NOT_FOUND',
    'MANAGER_REMOTE_DAYS_EXCEEDED',
    'NOT_MANAGER_OF_EMPLOYEE',
    'SAFETY_NOTICE_DATE_IN_FUTURE',
  )
  @Post()
  @Roles('hr', 'manager')
  @ApiResponseByRole(201, AGREEMENT_BY_ROLE)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateAgreementDto): Promise<AgreementDto | AgreementHrDto> {
    await this.reach.assertReaches(actor, body.employeeId);
    return agreementFor(actor, await this.agreements.create(actor, body));
  }

  @ApiErrors('INVALID_CURSOR', 'IN_FORCE_DATE_AFTER_TODAY')
  @Get()
  @Roles(...READERS)
  @ApiResponseByRole(200, AGREEMENT_LIST_BY_ROLE)
  async list(@CurrentActor() actor: Actor, @Query() query: AgreementListQueryDto): Promise<AgreementListDto | AgreementHrListDto> {
    return agreementListFor(actor, await this.agreements.list(actor, query));
  }

  /** Declared before ':id' routes so "sweep" is never read as an id. */
  @ApiErrors('AGREEMENT_CHANGED', 'QUEUE_UNAVAILABLE')
  @Post('sweep')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: SweepReportDto })
  sweep(@CurrentActor() actor: Actor): Promise<SweepReportDto> {
    return this.sweeper.sweep(actor);
  }

  @ApiErrors('AGREEMENT_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Get(':id')
  @Roles(...READERS)
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<AgreementDto | AgreementHrDto> {
    const agreement = await this.agreements.get(id);
    await this.reach.assertReaches(actor, agreement.employeeId);
    return agreementFor(actor, agreement);
  }

  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_EDITABLE',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_OVERLAP',
    'AGREEMENT_TERMS_INVALID',
    'BANDS_OVERLAP',
    'EMPLOYEE_NOT_FOUND',
    'INVALID_ID',
    'MANAGER_REMOTE_DAYS_EXCEEDED',
    'NOT_MANAGER_OF_EMPLOYEE',
    'SAFETY_NOTICE_DATE_IN_FUTURE',
  )
  @Patch(':id')
  @Roles('hr', 'manager')
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: UpdateAgreementDto): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.agreements.update(actor, id, body));
  }

  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_OVERLAP',
    'AGREEMENT_PERIOD_OVER',
    'AGREEMENT_STATE_CONFLICT',
    'AGREEMENT_TERMS_INVALID',
    'ALREADY_SIGNED',
    'BANDS_OVERLAP',
    'DIRECTOR_GENERAL_SIGNATURE_REQUIRED',
    'DOCUMENT_HASH_MISMATCH',
    'DOCUMENT_REFERENCE_REQUIRED',
    'EMPLOYEE_INACTIVE',
    'EMPLOYEE_NOT_FOUND',
    'INVALID_ID',
    'MANAGER_REMOTE_DAYS_EXCEEDED',
    'NOT_MANAGER_OF_EMPLOYEE',
    'SIGNER_INACTIVE',
    'SIGNER_IS_THE_EMPLOYEE',
    'SIGNER_NOT_A_MANAGER',
    'SIGNER_NOT_FOUND',
    'SIGNER_NOT_MANAGER_OF_SERVICE',
    'SIGNER_NOT_THE_EMPLOYEE',
  )
  @Post(':id/sign')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOperation({ summary: "Record the employee's or the counterpart's signature", description: SIGN_DESCRIPTION })
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async sign(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SignAgreementDto): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.signing.sign(actor, id, body));
  }

  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_OVERLAP',
    'AGREEMENT_PERIOD_OVER',
    'AGREEMENT_STATE_CONFLICT',
    'AGREEMENT_TERMS_INVALID',
    'BANDS_OVERLAP',
    'DIRECTOR_GENERAL_SIGNATURE_REQUIRED',
    'EMPLOYEE_INACTIVE',
    'EMPLOYEE_NOT_FOUND',
    'INVALID_ID',
    'MANAGER_REMOTE_DAYS_EXCEEDED',
    'NOT_MANAGER_OF_EMPLOYEE',
    'NOT_THE_COUNTERSIGNER',
    'NO_COUNTERSIGNATURE_AWAITING',
    'SIGNATURE_NEEDS_SECOND_PERSON',
    'SIGNER_INACTIVE',
    'SIGNER_IS_THE_EMPLOYEE',
    'SIGNER_NOT_A_MANAGER',
    'SIGNER_NOT_FOUND',
    'SIGNER_NOT_MANAGER_OF_SERVICE',
    'SIGNER_NOT_THE_EMPLOYEE',
  )
  @Post(':id/countersignature/confirm')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Confirm a counterpart signature recorded from paper (a second person)', description: CONFIRM_DESCRIPTION })
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async confirmCountersignature(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: ConfirmCountersignatureDto,
  ): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.signing.confirmCountersignature(actor, id, body));
  }

  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_STATE_CONFLICT',
    'EMPLOYEE_NOT_FOUND',
    'INVALID_ID',
    'NOT_MANAGER_OF_EMPLOYEE',
    'NOT_THE_COUNTERSIGNER',
    'NO_COUNTERSIGNATURE_AWAITING',
  )
  @Post(':id/countersignature/reject')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOperation({ summary: 'Set aside a counterpart signature awaiting confirmation', description: REJECT_DESCRIPTION })
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async rejectCountersignature(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: RejectCountersignatureDto,
  ): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.signing.rejectCountersignature(actor, id, body));
  }

  /**
   * HR's act (SPEC §1: HR withdraws with the legal notice). Not the manager's: the notice the rule applies (90 days
   * for a disabled worker) shows in its answers — the earliest effective date refused or granted.
   */
  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_STATE_CONFLICT',
    'EMPLOYEE_NOT_FOUND',
    'INVALID_ID',
    'NOTICE_DATE_IN_FUTURE',
    'QUEUE_UNAVAILABLE',
    'WITHDRAWAL_AFTER_END_DATE',
    'WITHDRAWAL_ALREADY_NOTIFIED',
    'WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE',
    'WITHDRAWAL_NOTICE_TOO_SHORT',
  )
  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('hr')
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: WithdrawAgreementDto,
  ): Promise<AgreementDto | AgreementHrDto> {
    return agreementFor(actor, await this.lifecycle.withdraw(actor, id, body));
  }

  @ApiErrors('AGREEMENT_CHANGED', 'AGREEMENT_NOT_FOUND', 'AGREEMENT_STATE_CONFLICT', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async suspend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SuspendAgreementDto): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.lifecycle.suspend(actor, id, body));
  }

  @ApiErrors('AGREEMENT_CHANGED', 'AGREEMENT_NOT_FOUND', 'AGREEMENT_PERIOD_OVER', 'AGREEMENT_STATE_CONFLICT', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Post(':id/resume')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async resume(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ResumeAgreementDto): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.lifecycle.resume(actor, id, body.note));
  }

  @ApiErrors(
    'AGREEMENT_CHANGED',
    'AGREEMENT_NOT_FOUND',
    'AGREEMENT_STATE_CONFLICT',
    'INVALID_ID',
    'NOT_MANAGER_OF_EMPLOYEE',
    'SAFETY_NOTICE_DATE_IN_FUTURE',
    'SAFETY_NOTICE_OLDER_THAN_RECORDED',
  )
  @Post(':id/safety-notice')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiResponseByRole(200, AGREEMENT_BY_ROLE)
  async safetyNotice(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: SafetyNoticeDto,
  ): Promise<AgreementDto | AgreementHrDto> {
    await this.agreements.assertReaches(actor, id);
    return agreementFor(actor, await this.lifecycle.recordSafetyNotice(actor, id, body));
  }
}
