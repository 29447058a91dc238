import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor, Role } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { ApiResponseByRole, RoleVariant } from '../common/http/api-response-by-role';
import { uuidParam } from '../common/http/pipes';
import {
  AddTrainingParticipantsDto,
  TrainingCourseDetailDto,
  TrainingCourseDto,
  TrainingCoursePageDto,
  TrainingCourseQueryDto,
  CreateTrainingCourseDto,
  HotlineOnboardingDto,
  HotlineOnboardingResultDto,
  TrainingParticipantRemovedDto,
  TrainingParticipantsResultDto,
  TrainingSummaryQueryDto,
  TrainingSummaryDto,
} from './dto/training.dto';
import { HotlineOnboardingService } from './hotline-onboarding.service';
import { TrainingSummaryService } from './training-summary.service';
import { TrainingService } from './training.service';

/** Who reads a course's participants (names): HR data, never the RTD's (aggregates only). */
const PARTICIPANT_READERS: readonly Role[] = ['admin', 'hr'];
const COURSE_BY_ROLE: RoleVariant[] = [
  { roles: PARTICIPANT_READERS, type: TrainingCourseDetailDto },
  { roles: 'others', type: TrainingCourseDto },
];

/** Training records: HR and admin manage courses and participants; the RTD reads courses without names and the yearly aggregates. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('api/v1/training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly summaries: TrainingSummaryService,
    private readonly hotline: HotlineOnboardingService,
  ) {}

  @ApiErrors('VALIDATION_FAILED')
  @Post('courses')
  @Roles('hr', 'admin')
  @ApiCreatedResponse({ type: TrainingCourseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTrainingCourseDto): Promise<TrainingCourseDto> {
    return this.training.create(actor, body);
  }

  @ApiErrors('INVALID_CURSOR', 'VALIDATION_FAILED')
  @Get('courses')
  @Roles('hr', 'admin', 'rtd')
  @ApiOkResponse({ type: TrainingCoursePageDto })
  list(@Query() query: TrainingCourseQueryDto): Promise<TrainingCoursePageDto> {
    return this.training.list(query);
  }

  @ApiErrors('INVALID_ID', 'TRAINING_COURSE_NOT_FOUND')
  @Get('courses/:id')
  @Roles('hr', 'admin', 'rtd')
  @ApiResponseByRole(200, COURSE_BY_ROLE)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<TrainingCourseDto | TrainingCourseDetailDto> {
    return this.training.get(id, PARTICIPANT_READERS.includes(actor.role as Role));
  }

  @ApiErrors('INVALID_ID', 'VALIDATION_FAILED', 'TRAINING_COURSE_NOT_FOUND', 'TRAINING_PARTICIPANTS_REFUSED')
  @Post('courses/:id/participants')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ type: TrainingParticipantsResultDto })
  addParticipants(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() body: AddTrainingParticipantsDto,
  ): Promise<TrainingParticipantsResultDto> {
    return this.training.addParticipants(actor, id, body);
  }

  @ApiErrors('INVALID_ID', 'TRAINING_COURSE_NOT_FOUND', 'TRAINING_PARTICIPANT_NOT_FOUND')
  @Delete('courses/:id/participants/:employeeId')
  @Roles('hr', 'admin')
  @ApiOkResponse({ type: TrainingParticipantRemovedDto })
  removeParticipant(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('employeeId', uuidParam('employeeId')) employeeId: string,
  ): Promise<TrainingParticipantRemovedDto> {
    return this.training.removeParticipant(actor, id, employeeId);
  }

  /** One step, idempotent: 200 either way; `created` false when the employee already had the day's mini-training (nothing written). */
  @ApiErrors('VALIDATION_FAILED', 'EMPLOYEE_NOT_FOUND', 'TRAINING_EMPLOYEE_INACTIVE')
  @Post('hotline-onboarding')
  @HttpCode(200)
  @Roles('hotline', 'admin')
  @ApiOkResponse({ type: HotlineOnboardingResultDto })
  hotlineOnboarding(@CurrentActor() actor: Actor, @Body() body: HotlineOnboardingDto): Promise<HotlineOnboardingResultDto> {
    return this.hotline.record(actor, body);
  }

  @ApiErrors('VALIDATION_FAILED')
  @Get('summary')
  @Roles('hr', 'admin', 'rtd')
  @ApiOkResponse({ type: TrainingSummaryDto })
  summary(@Query() query: TrainingSummaryQueryDto): Promise<TrainingSummaryDto> {
    return this.summaries.summary(query.year);
  }
}
