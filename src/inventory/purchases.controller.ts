import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { uuidParam } from '../common/http/pipes';
import { CreatePurchaseDto, PurchaseDto, PurchasePageDto, PurchaseQueryDto, PurchaseSummaryDto, PurchaseSummaryQueryDto } from './dto/purchases.dto';
import { PurchasesService } from './purchases.service';

/**
 * Purchases besides device lots (servers, VPN gateways, firewalls, licences, services). The RTD reads them: lines
 * and totals of supplies are no personal data.
 */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/purchases')
export class PurchasesController {
  constructor(private readonly purchases: PurchasesService) {}

  @ApiErrors()
  @Post()
  @Roles('technician')
  @ApiCreatedResponse({ type: PurchaseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePurchaseDto): Promise<PurchaseDto> {
    return this.purchases.create(actor, body);
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: PurchasePageDto })
  list(@Query() query: PurchaseQueryDto): Promise<PurchasePageDto> {
    return this.purchases.list(query);
  }

  /** The year's investment by category and by POLA indicator (device lots delivered in the year included). */
  @ApiErrors()
  @Get('summary')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: PurchaseSummaryDto })
  summary(@Query() query: PurchaseSummaryQueryDto): Promise<PurchaseSummaryDto> {
    return this.purchases.summary(query.year);
  }

  @ApiErrors('INVALID_ID', 'PURCHASE_NOT_FOUND')
  @Get(':id')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: PurchaseDto })
  get(@Param('id', uuidParam()) id: string): Promise<PurchaseDto> {
    return this.purchases.get(id);
  }
}
