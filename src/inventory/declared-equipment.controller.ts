import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { DeclaredEquipmentDto, DeclaredEquipmentQueryDto, DeclareEquipmentDto } from './dto/declared-equipment.dto';
import { DeclaredEquipmentService } from './declared-equipment.service';

/** Personal equipment an employee declares for remote work (laptop, home broadband). */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/employees/:id/declared-equipment')
export class DeclaredEquipmentController {
  constructor(private readonly declared: DeclaredEquipmentService) {}

  @Post()
  @Roles('technician', 'hr')
  @ApiCreatedResponse({ type: DeclaredEquipmentDto })
  declare(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: DeclareEquipmentDto): Promise<DeclaredEquipmentDto> {
    return this.declared.declare(actor, id, body);
  }

  @Get()
  @Roles('technician', 'hr')
  @ApiOkResponse({ type: [DeclaredEquipmentDto] })
  list(@Param('id', uuidParam()) id: string, @Query() query: DeclaredEquipmentQueryDto): Promise<DeclaredEquipmentDto[]> {
    return this.declared.list(id, query.includeWithdrawn ?? false);
  }

  @Post(':declarationId/withdraw')
  @Roles('technician', 'hr')
  @ApiCreatedResponse({ type: DeclaredEquipmentDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('declarationId', uuidParam('declarationId')) declarationId: string,
  ): Promise<DeclaredEquipmentDto> {
    return this.declared.withdraw(actor, id, declarationId);
  }
}
