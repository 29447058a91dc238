import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { uuidParam } from '../common/http/pipes';
import { OffboardingCaseDto, OffboardingCaseListDto, OffboardingCaseListQueryDto } from './dto/offboarding.dto';
import { OffboardingCasesService } from './offboarding-cases.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('offboarding')
@ApiBearerAuth()
@Controller('api/v1/offboarding')
export class OffboardingController {
  constructor(private readonly cases: OffboardingCasesService) {}

  @ApiErrors('INVALID_CURSOR')
  @Get('cases')
  @Roles('admin', 'technician', 'hotline', 'hr')
  @ApiOkResponse({ type: OffboardingCaseListDto })
  list(@Query() query: OffboardingCaseListQueryDto): Promise<OffboardingCaseListDto> {
    return this.cases.list(query);
  }

  @ApiErrors('INVALID_ID', 'OFFBOARDING_CASE_NOT_FOUND')
  @Get('cases/:id')
  @Roles('admin', 'technician', 'hotline', 'hr')
  @ApiOkResponse({ type: OffboardingCaseDto })
  get(@Param('id', uuidParam()) id: string): Promise<OffboardingCaseDto> {
    return this.cases.get(id);
  }
}
