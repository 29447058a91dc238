import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import { SerialCheckDto } from './dto/intake.dto';
import { CreatedLotDto, CreateLotDto, LotDetailDto, LotPageDto, LotQueryDto, ValidateSerialDto } from './dto/lots.dto';
import { AssetIntakeService } from './asset-intake.service';
import { PurchaseLotsService } from './purchase-lots.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/lots')
export class PurchaseLotsController {
  constructor(
    private readonly lots: PurchaseLotsService,
    private readonly intake: AssetIntakeService,
  ) {}

  @ApiErrors('LOT_TOO_LARGE', 'MODEL_NOT_FOUND')
  @Post()
  @Roles('technician')
  @ApiCreatedResponse({ type: CreatedLotDto, description: 'warnings: LOT_SMALL under 50 pieces, LOT_SIZE_OVERRIDDEN above 100 with a reason' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLotDto): Promise<CreatedLotDto> {
    return this.lots.create(actor, body);
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: LotPageDto })
  list(@Query() query: LotQueryDto): Promise<LotPageDto> {
    return this.lots.list(query);
  }

  @ApiErrors('INVALID_ID', 'LOT_NOT_FOUND')
  @Get(':id')
  @Roles('technician', 'rtd')
  @ApiOkResponse({ type: LotDetailDto })
  get(@Param('id', uuidParam()) id: string): Promise<LotDetailDto> {
    return this.lots.get(id);
  }

  /** For a barcode scanner: is this serial receivable into the lot? Writes nothing. */
  @ApiErrors('INVALID_ID', 'LOT_NOT_FOUND')
  @Post(':id/receive/validate')
  @HttpCode(200)
  @Roles('technician')
  @ApiOkResponse({ type: SerialCheckDto })
  validate(@Param('id', uuidParam()) id: string, @Body() body: ValidateSerialDto): Promise<SerialCheckDto> {
    return this.intake.validateSerial(id, body.serial, body.assetTag);
  }
}
