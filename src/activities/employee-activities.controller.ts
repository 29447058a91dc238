import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { ManagerReaches } from '../directory';
import { EligibilityDto, ReplaceEmployeeActivitiesDto } from './dto/activities.dto';
import { EligibilityService } from './eligibility.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('api/v1/employees')
export class EmployeeActivitiesController {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly reach: ManagerReaches,
  ) {}

  @ApiErrors('EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE', 'UNKNOWN_ACTIVITIES')
  @Put(':id/activities')
  @Roles('admin', 'hr', 'manager')
  @ApiOkResponse({ type: EligibilityDto, description: 'the eligibility that follows from the new set of links' })
  async replace(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ReplaceEmployeeActivitiesDto): Promise<EligibilityDto> {
    await this.reach.assertReaches(actor, id);
    return this.eligibility.replaceLinks(actor, id, body.activityIds);
  }

  /** One person's eligibility: the desks that act on it, not the RTD (aggregates: GET /api/v1/activities/summary). */
  @ApiErrors('EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Get(':id/eligibility')
  @Roles('hr', 'manager', 'technician', 'hotline')
  @ApiOkResponse({ type: EligibilityDto })
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<EligibilityDto> {
    await this.reach.assertReaches(actor, id);
    return this.eligibility.eligibility(id);
  }
}
