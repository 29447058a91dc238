import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { uuidParam } from '../common/http/pipes';
import {
  CreateHandoverDto,
  HandoverCheckDto,
  HandoverCheckQueryDto,
  HandoverDetailDto,
  HandoverPageDto,
  HandoverQueryDto,
  ReturnHandoverDto,
  ReturnResultDto,
  SignHandoverDto,
} from './dto/handovers.dto';
import { HandoverReturnsService } from './handover-returns.service';
import { HandoversService } from './handovers.service';
import { ApiErrors } from '../common/http/api-errors';

function pdf(res: Response, file: { fileName: string; bytes: Buffer; sha256: string }): StreamableFile {
  res.setHeader('X-Content-SHA256', file.sha256);
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(file.bytes, { type: 'application/pdf', disposition: `inline; filename="${file.fileName}"`, length: file.bytes.length });
}

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/handovers')
export class HandoversController {
  constructor(
    private readonly handovers: HandoversService,
    private readonly returns: HandoverReturnsService,
  ) {}

  /** Hands a kit to an employee: gated kinds pass the provisioning gate (422 GATE_REFUSED with the codes). */
  @ApiErrors(
    'ASSET_NOT_AVAILABLE',
    'ASSET_NOT_FOUND',
    'ASSET_NOT_MUNICIPAL',
    'DUPLICATE_ASSET_IN_KIT',
    'EMPLOYEE_NOT_FOUND',
    'GATE_REFUSED',
    'HANDOVER_NOT_FOUND',
  )
  @Post()
  @Roles('technician')
  @ApiCreatedResponse({ type: HandoverDetailDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateHandoverDto): Promise<HandoverDetailDto> {
    return this.handovers.create(actor, body);
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('technician')
  @ApiOkResponse({ type: HandoverPageDto })
  list(@Query() query: HandoverQueryDto): Promise<HandoverPageDto> {
    return this.handovers.list(query);
  }

  /** Can this asset go to this employee now? For the scan field: the refusal shows at once, not at confirmation. */
  @ApiErrors('ASSET_NOT_FOUND', 'EMPLOYEE_NOT_FOUND')
  @Get('check')
  @Roles('technician')
  @ApiOkResponse({ type: HandoverCheckDto })
  check(@Query() query: HandoverCheckQueryDto): Promise<HandoverCheckDto> {
    return this.handovers.check(query.employeeId, query.assetId);
  }

  @ApiErrors('HANDOVER_NOT_FOUND', 'INVALID_ID')
  @Get(':id')
  @Roles('technician')
  @ApiOkResponse({ type: HandoverDetailDto })
  get(@Param('id', uuidParam()) id: string): Promise<HandoverDetailDto> {
    return this.handovers.get(id);
  }

  @ApiErrors('HANDOVER_NOT_FOUND', 'INVALID_ID', 'RECEIPT_NOT_FOUND')
  @Get(':id/receipt.pdf')
  @Roles('technician')
  @ApiProduces('application/pdf')
  async receipt(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return pdf(res, await this.handovers.receipt(id));
  }

  @ApiErrors('ALREADY_SIGNED', 'HANDOVER_NOT_FOUND', 'INVALID_ID')
  @Post(':id/sign')
  @HttpCode(200)
  @Roles('technician')
  @ApiOkResponse({ type: HandoverDetailDto })
  sign(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: SignHandoverDto): Promise<HandoverDetailDto> {
    return this.handovers.sign(actor, id, body);
  }

  @ApiErrors(
    'ASSET_CHANGED',
    'ASSET_NOT_IN_HANDOVER',
    'DATA_WIPE_REQUIRED',
    'DATA_WIPE_UNEXPECTED',
    'DUPLICATE_ITEM',
    'HANDOVER_NOT_FOUND',
    'INVALID_ID',
    'ITEM_ALREADY_CLOSED',
    'QUEUE_UNAVAILABLE',
  )
  @Post(':id/return')
  @Roles('technician')
  @ApiCreatedResponse({ type: ReturnResultDto })
  returnItems(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ReturnHandoverDto): Promise<ReturnResultDto> {
    return this.returns.returnItems(actor, id, body);
  }

  @ApiErrors('INVALID_ID', 'RECEIPT_NOT_FOUND', 'RETURN_NOT_FOUND')
  @Get(':id/returns/:returnId/receipt.pdf')
  @Roles('technician')
  @ApiProduces('application/pdf')
  async returnReceipt(
    @Param('id', uuidParam()) id: string,
    @Param('returnId', uuidParam('returnId')) returnId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return pdf(res, await this.returns.receipt(id, returnId));
  }
}
