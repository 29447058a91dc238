import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CreateServiceDto, ServiceDto } from './dto/service.dto';
import { ServiceCatalog } from './service-catalog.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/v1/services')
export class ServicesController {
  constructor(private readonly catalog: ServiceCatalog) {}

  @ApiErrors('SERVICE_CODE_TAKEN')
  @Post()
  @Roles('hr')
  @ApiCreatedResponse({ type: ServiceDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServiceDto): Promise<ServiceDto> {
    return this.catalog.create(actor, body);
  }

  @ApiErrors()
  @Get()
  @Roles('hr', 'technician', 'hotline', 'manager', 'rtd')
  @ApiOkResponse({ type: [ServiceDto] })
  list(): Promise<ServiceDto[]> {
    return this.catalog.list();
  }
}
