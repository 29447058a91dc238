import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { AgreementSweepService } from './agreement-sweep.service';
import { AgreementsService } from './agreements.service';
import { AgreementDto, AgreementListDto, SweepReportDto } from './dto/agreement.dto';
import {
  AgreementListQueryDto,
  CreateAgreementDto,
  ResumeAgreementDto,
  SafetyNoticeDto,
  SignAgreementDto,
  SuspendAgreementDto,
  UpdateAgreementDto,
  WithdrawAgreementDto,
} from './dto/agreement-input.dto';

const READERS = ['hr', 'manager', 'rtd', 'technician', 'hotline'] as const;

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly sweeper: AgreementSweepService,
  ) {}

  @Post()
  @Roles('hr', 'manager')
  @ApiCreatedResponse({ type: AgreementDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAgreementDto): Promise<AgreementDto> {
    return this.agreements.create(actor, body);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: AgreementListDto })
  list(@Query() query: AgreementListQueryDto): Promise<AgreementListDto> {
    return this.agreements.list(query);
  }

  /** Declared before ':id' routes so "sweep" is never read as an id. */
  @Post('sweep')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: SweepReportDto })
  sweep(@CurrentActor() actor: Actor): Promise<SweepReportDto> {
    return this.sweeper.sweep(actor);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: AgreementDto })
  get(@Param('id', uuidParam()) id: string): Promise<AgreementDto> {
    return this.agreements.get(id);
  }

  @Patch(':id')
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: UpdateAgreementDto): Promise<AgreementDto> {
    return this.agreements.update(actor, id, body);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  sign(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SignAgreementDto): Promise<AgreementDto> {
    return this.lifecycle.sign(actor, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: WithdrawAgreementDto): Promise<AgreementDto> {
    return this.lifecycle.withdraw(actor, id, body);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  suspend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SuspendAgreementDto): Promise<AgreementDto> {
    return this.lifecycle.suspend(actor, id, body);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  resume(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ResumeAgreementDto): Promise<AgreementDto> {
    return this.lifecycle.resume(actor, id, body.note);
  }

  @Post(':id/safety-notice')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiOkResponse({ type: AgreementDto })
  safetyNotice(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SafetyNoticeDto): Promise<AgreementDto> {
    return this.lifecycle.recordSafetyNotice(actor, id, body);
  }
}
