import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { ApiErrors } from '../common/http/api-errors';
import { uuidParam } from '../common/http/pipes';
import { ManagerReaches } from '../directory';
import { AgreementsService } from './agreements.service';
import { AgreementDocumentsService, AgreementFile } from './agreement-documents.service';
import { SIGNED_DOCUMENT_MAX_BYTES } from './domain/signed-document.policy';
import { SafetyNoticesDueDto, SafetyNoticesDueQueryDto, SignedDocumentDto } from './dto/agreement-document.dto';
import { readPdfBody } from './signed-document.body';
import { SAFETY_NOTICE_WARNING_DAYS } from './safety-notice-due.source';

function pdf(res: Response, file: AgreementFile): StreamableFile {
  res.setHeader('X-Content-SHA256', file.sha256);
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(file.bytes, { type: 'application/pdf', disposition: `inline; filename="${file.fileName}"`, length: file.bytes.length });
}

const DOCUMENT_DESCRIPTION = [
  'The "accordo individuale di lavoro agile" in Italian, from the template config/agreement-template.md: the terms and the',
  'parties only, never the signatures, so it is the same document (same bytes, same SHA-256 in X-Content-SHA256) before',
  "and after each signature while the terms stay. Both signatures carry that SHA-256 (or the uploaded signed copy's).",
].join('\n');

const UPLOAD_DESCRIPTION = [
  `The signed agreement as a PDF (body application/pdf, at most ${SIGNED_DOCUMENT_MAX_BYTES} bytes, starting with %PDF-).`,
  "Its SHA-256 becomes the agreement's documentSha256: record the signatures with it. Before anyone signed, a new upload",
  'replaces the previous one (a wrong scan; every upload is kept); once a signature carries a hash, only the document with',
  'that hash is accepted (DOCUMENT_HASH_MISMATCH). A refused upload stores nothing and changes nothing.',
].join('\n');

/**
 * The agreement's documents and HR's safety-notice list. Registered before AgreementsController, so that
 * "safety-notices-due" is matched here and never read as an agreement id.
 */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class AgreementDocumentsController {
  constructor(
    private readonly documents: AgreementDocumentsService,
    private readonly agreements: AgreementsService,
    private readonly reach: ManagerReaches,
  ) {}

  @ApiErrors('INVALID_CURSOR')
  @Get('safety-notices-due')
  @Roles('hr', 'manager')
  @ApiOperation({ summary: `Safety notices (informativa) that stop counting within \`days\` days (default ${SAFETY_NOTICE_WARNING_DAYS})` })
  @ApiOkResponse({ type: SafetyNoticesDueDto })
  async safetyNoticesDue(@CurrentActor() actor: Actor, @Query() query: SafetyNoticesDueQueryDto): Promise<SafetyNoticesDueDto> {
    return this.documents.safetyNoticesDue(query.days ?? SAFETY_NOTICE_WARNING_DAYS, query.limit ?? 50, query.cursor, await this.reach.narrowing(actor));
  }

  @ApiErrors('AGREEMENT_NOT_FOUND', 'EMPLOYEE_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE')
  @Get(':id/document.pdf')
  @Roles('hr', 'manager')
  @ApiOperation({ summary: 'The agreement document to sign (PDF, Italian)', description: DOCUMENT_DESCRIPTION })
  @ApiProduces('application/pdf')
  async document(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.agreements.assertReaches(actor, id);
    return pdf(res, await this.documents.document(id));
  }

  @ApiErrors('AGREEMENT_CHANGED', 'AGREEMENT_NOT_FOUND', 'DOCUMENT_HASH_MISMATCH', 'INVALID_ID', 'SIGNED_DOCUMENT_NOT_PDF', 'SIGNED_DOCUMENT_TOO_LARGE')
  @Post(':id/signed-document')
  @HttpCode(201)
  @Roles('hr')
  @ApiOperation({ summary: 'Upload the signed agreement (PDF)', description: UPLOAD_DESCRIPTION })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: SignedDocumentDto })
  async uploadSigned(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Req() req: Request): Promise<SignedDocumentDto> {
    return this.documents.uploadSigned(actor, id, await readPdfBody(req, SIGNED_DOCUMENT_MAX_BYTES));
  }

  @ApiErrors('AGREEMENT_NOT_FOUND', 'INVALID_ID', 'NOT_MANAGER_OF_EMPLOYEE', 'SIGNED_DOCUMENT_NOT_FOUND')
  @Get(':id/signed-document')
  @Roles('hr', 'manager')
  @ApiOperation({ summary: 'Download the signed agreement as uploaded (SHA-256 in X-Content-SHA256)' })
  @ApiProduces('application/pdf')
  async signed(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.agreements.assertReaches(actor, id);
    return pdf(res, await this.documents.signed(id));
  }
}
