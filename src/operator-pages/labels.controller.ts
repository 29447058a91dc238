import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { QrCodesDto, QrCodesRequestDto } from './dto/qr-codes.dto';
import { QrCodeRenderer } from './qr-code.renderer';
import { ApiErrors } from '../common/http/api-errors';

/**
 * QR codes for the printable labels of a lot. It reads nothing: the labels page lists the lot's assets through
 * `GET /api/v1/assets?lotId=` and asks here for the codes of their tags (the browser has no QR library, and
 * the pages load nothing from outside the service).
 */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/labels')
export class LabelsController {
  constructor(private readonly qr: QrCodeRenderer) {}

  @ApiErrors()
  @Post('qr-codes')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: 'QR codes (SVG) for label values such as asset tags' })
  @ApiOkResponse({ type: QrCodesDto })
  async qrCodes(@Body() body: QrCodesRequestDto): Promise<QrCodesDto> {
    return { codes: await this.qr.render(body.values) };
  }
}
