import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CreateDeviceModelDto, DeviceModelDto, DeviceModelQueryDto } from './dto/models.dto';
import { DeviceModelsService } from './device-models.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/models')
export class DeviceModelsController {
  constructor(private readonly models: DeviceModelsService) {}

  @ApiErrors('DUPLICATE_MODEL')
  @Post()
  @Roles('technician')
  @ApiCreatedResponse({ type: DeviceModelDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDeviceModelDto): Promise<DeviceModelDto> {
    return this.models.create(actor, body);
  }

  @ApiErrors()
  @Get()
  @Roles('technician', 'hotline', 'rtd')
  @ApiOkResponse({ type: [DeviceModelDto] })
  list(@Query() query: DeviceModelQueryDto): Promise<DeviceModelDto[]> {
    return this.models.list(query.kind);
  }
}
