import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { DeclaredEquipmentDto, DeclaredEquipmentQueryDto, DeclareEquipmentDto } from './dto/declared-equipment.dto';
import { DeclaredEquipmentService } from './declared-equipment.service';
import { ApiErrors } from '../common/http/api-errors';

/** Personal equipment an employee declares for remote work (laptop, home broadband). */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/employees/:id/declared-equipment')
export class DeclaredEquipmentController {
  constructor(private readonly declared: DeclaredEquipmentService) {}

  @ApiErrors('DUPLICATE_SERIAL', 'EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'MODEL_NOT_FOUND', 'WRONG_KIND')
  @Post()
  @Roles('technician', 'hr')
  @ApiCreatedResponse({ type: DeclaredEquipmentDto })
  declare(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: DeclareEquipmentDto): Promise<DeclaredEquipmentDto> {
    return this.declared.declare(actor, id, body);
  }

  @ApiErrors('EMPLOYEE_NOT_FOUND', 'INVALID_ID')
  @Get()
  @Roles('technician', 'hr')
  @ApiOkResponse({ type: [DeclaredEquipmentDto] })
  list(@Param('id', uuidParam()) id: string, @Query() query: DeclaredEquipmentQueryDto): Promise<DeclaredEquipmentDto[]> {
    return this.declared.list(id, query.includeWithdrawn ?? false);
  }

  @ApiErrors('ALREADY_WITHDRAWN', 'DECLARATION_NOT_FOUND', 'EMPLOYEE_NOT_FOUND', 'INVALID_ID')
  @Post(':declarationId/withdraw')
  @HttpCode(200)
  @Roles('technician', 'hr')
  @ApiOkResponse({ type: DeclaredEquipmentDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('declarationId', uuidParam('declarationId')) declarationId: string,
  ): Promise<DeclaredEquipmentDto> {
    return this.declared.withdraw(actor, id, declarationId);
  }
}
