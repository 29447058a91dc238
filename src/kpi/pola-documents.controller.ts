import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { ApiErrors } from '../common/http/api-errors';
import { PolaQueryDto } from './dto/kpi.dto';
import { PolaDocument, PolaDocumentFormat, PolaDocumentsService } from './report/pola-documents.service';

const BINARY = { type: 'string', format: 'binary' } as const;

/**
 * The yearly POLA document for the Relazione sulla Performance / PIAO, as PDF, XLSX and CSV: the same content as
 * GET /api/v1/kpi/pola (the 22 indicators of Part 4 by group, notes on declared values and on missing data) plus the
 * dashboard's yearly charts and the operational indicators. Downloads (`attachment`), never cached.
 */
@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi')
export class PolaDocumentsController {
  constructor(private readonly documents: PolaDocumentsService) {}

  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola.pdf')
  @Roles('rtd')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The yearly POLA document in Italian (A4 PDF): cover, method, one table per group, charts, notes, page numbers' })
  @ApiOkResponse({ description: 'indicatori-pola-<year>.pdf', schema: BINARY })
  pdf(@Query() query: PolaQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send('pdf', query, res);
  }

  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola.xlsx')
  @Roles('rtd')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The same content as a workbook: Indicatori, Note, Operativi, Serie annuale, Informazioni (Italian headers, numbers as numbers)' })
  @ApiOkResponse({ description: 'indicatori-pola-<year>.xlsx', schema: BINARY })
  xlsx(@Query() query: PolaQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send('xlsx', query, res);
  }

  @ApiErrors('INVALID_YEAR', 'KPI_YEAR_IN_FUTURE')
  @Get('pola.csv')
  @Roles('rtd')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'One line per indicator (Part 4, then the operational ones): semicolon-separated UTF-8 with BOM, Italian headers, decimal comma',
  })
  @ApiOkResponse({ description: 'Anno;Data di riferimento;Dimensione;Fattore;Codice;Indicatore;Unità;Fonte;…', schema: { type: 'string' } })
  csv(@Query() query: PolaQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send('csv', query, res);
  }

  private async send(format: PolaDocumentFormat, query: PolaQueryDto, res: Response): Promise<StreamableFile> {
    const file: PolaDocument = await this.documents.render(format, query.year);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.bytes, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.bytes.length });
  }
}
