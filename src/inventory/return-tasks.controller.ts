import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { ReturnTaskPageDto, ReturnTaskQueryDto } from './dto/return-tasks.dto';
import { ReturnTasksService } from './return-tasks.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/return-tasks')
export class ReturnTasksController {
  constructor(private readonly tasks: ReturnTasksService) {}

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('technician')
  @ApiOkResponse({ type: ReturnTaskPageDto })
  list(@Query() query: ReturnTaskQueryDto): Promise<ReturnTaskPageDto> {
    return this.tasks.list(query);
  }
}
