import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { PlanningDto, PlanningQueryDto, StockDto, StockQueryDto, WarrantiesEndingDto } from './dto/stock.dto';
import { StockPlanningService } from './stock-planning.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/inventory')
export class InventoryStockController {
  constructor(private readonly planning: StockPlanningService) {}

  @ApiErrors()
  @Get('stock')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: StockDto })
  stock(@Query() query: StockQueryDto): Promise<StockDto> {
    return this.planning.stock(query.kind);
  }

  /** Laptops still needed for a year's target (config/kpi-targets.tsv), and warranties ending within 90 days. */
  @ApiErrors('TARGET_NOT_FOUND')
  @Get('planning')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: PlanningDto })
  plan(@Query() query: PlanningQueryDto): Promise<PlanningDto> {
    return this.planning.planning(query.year);
  }

  /** Warranties ending within 90 days, on their own: the stock page shows them even for a year without a target. */
  @ApiErrors()
  @Get('warranties')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: WarrantiesEndingDto })
  warranties(): Promise<WarrantiesEndingDto> {
    return this.planning.warrantiesEnding();
  }
}
