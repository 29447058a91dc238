import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ManagerReaches } from '../directory';
import { uuidParam } from '../common/http/pipes';
import { GATE_EXPLANATIONS_IT, gateSummaryIt } from './domain/gate-explanations';
import { ProvisioningStatusDto } from './dto/agreement.dto';
import { ProvisioningGateService } from './provisioning-gate.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/employees')
export class ProvisioningStatusController {
  constructor(
    private readonly gate: ProvisioningGateService,
    private readonly reach: ManagerReaches,
  ) {}

  /** What the gate would answer today, with the reasons in plain Italian for the person at the desk (per person: not the RTD). */
  @ApiErrors('EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Get(':id/provisioning-status')
  @Roles('technician', 'hotline', 'hr', 'manager')
  @ApiOkResponse({ type: ProvisioningStatusDto })
  async status(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<ProvisioningStatusDto> {
    await this.reach.assertReaches(actor, id);
    const decision = await this.gate.check(id);
    return {
      employeeId: decision.employeeId,
      date: decision.date,
      allowed: decision.allowed,
      codes: decision.refusals,
      refusals: decision.refusals.map((code) => ({ code, explanation: GATE_EXPLANATIONS_IT[code] })),
      agreementId: decision.agreementId,
      summary: gateSummaryIt(decision),
    };
  }
}
