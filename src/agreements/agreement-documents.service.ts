import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { NotFound } from '../common/errors/domain-error';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory, keeps, ReachNarrowing } from '../directory';
import { AgreementDocumentEntity } from './agreement-document.entity';
import { AgreementDocumentRenderer } from './agreement-document.renderer';
import { AgreementDocumentRepository } from './agreement-document.repository';
import { AgreementDocumentTemplate } from './agreement-document.template';
import { AgreementEntity } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { AgreementsService } from './agreements.service';
import { agreementValues } from './domain/agreement-document.values';
import { assertIsPdf, assertUploadMatchesSignatures } from './domain/signed-document.policy';
import { SafetyNoticeDueSource } from './safety-notice-due.source';

const SAFETY_NOTICES_SORT = 'safetyNoticeDue';
import { SafetyNoticesDueDto, SignedDocumentDto } from './dto/agreement-document.dto';

export interface AgreementFile {
  fileName: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * The agreement as a document: generated from the municipality's template (what both parties sign), and the
 * signed copy as uploaded, whose SHA-256 is the one the signatures carry. Also HR's list of safety notices due.
 * Exported through the feature's face, so the employee's own page can offer the same document.
 */
@Injectable()
export class AgreementDocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementRepository,
    private readonly records: AgreementsService,
    private readonly documents: AgreementDocumentRepository,
    private readonly employees: EmployeeDirectory,
    private readonly template: AgreementDocumentTemplate,
    private readonly renderer: AgreementDocumentRenderer,
    private readonly safetyNotices: SafetyNoticeDueSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The "accordo individuale di lavoro agile" of an agreement, in Italian: the same bytes at every request while its terms stay. */
  async document(id: string): Promise<AgreementFile> {
    const a = await this.records.mustFind(id);
    const employee = await this.employees.findById(a.employeeId);
    if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', a.employeeId);
    const values = agreementValues(
      {
        id: a.id,
        startDate: a.startDate,
        endDate: a.endDate,
        remoteDaysPerWeek: a.remoteDaysPerWeek,
        places: JSON.parse(a.places) as string[],
        contactBand: a.contactBand,
        nonOperabilityBand: a.nonOperabilityBand,
        rightToDisconnect: a.rightToDisconnect,
        toolsProvided: JSON.parse(a.toolsProvided) as string[],
        objectives: a.objectives,
        resultsMonitoring: a.resultsMonitoring,
      },
      employee,
      this.config.env.MUNICIPALITY_NAME,
    );
    const rendered = await this.renderer.render({
      blocks: this.template.blocks,
      values,
      employeeName: `${employee.firstName} ${employee.lastName}`,
      counterpartRole: values['controparte.ruolo'].replace(/^il /, 'Il '),
      createdAt: new Date(a.createdAt),
    });
    return { fileName: `accordo-lavoro-agile-${employee.employeeNumber}-${a.startDate}.pdf`, ...rendered };
  }

  /** Stores the signed document and records its SHA-256 on the agreement (one unit of work with its audit event). */
  async uploadSigned(actor: Actor, id: string, bytes: Buffer): Promise<SignedDocumentDto> {
    assertIsPdf(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.uow.run(async (tx) => {
      const current = await this.records.mustFind(id, tx);
      assertUploadMatchesSignatures(current, sha256);
      const now = this.clock.nowIso();
      const entity: AgreementDocumentEntity = {
        id: randomUUID(),
        agreementId: id,
        sha256,
        sizeBytes: bytes.length,
        uploadedBy: actor.id,
        uploadedAt: now,
        contentBase64: bytes.toString('base64'),
      };
      await this.documents.insert(tx, entity);
      const previous = current.documentSha256;
      if (previous !== sha256) await this.agreements.update(tx, current, { documentSha256: sha256 } satisfies Partial<AgreementEntity>, now);
      await this.audit.record(tx, actor, {
        action: 'agreement.signed_document_uploaded',
        entityType: 'agreement',
        entityId: id,
        summary: { documentId: entity.id, sha256, sizeBytes: bytes.length, previousSha256: previous },
      });
      return { agreementId: id, sha256, sizeBytes: bytes.length, uploadedBy: actor.id, uploadedAt: now };
    });
  }

  /** The signed document uploaded for the agreement (the one its hash names), byte for byte. */
  async signed(id: string): Promise<AgreementFile> {
    const a = await this.records.mustFind(id);
    const doc = await this.documents.current(id, a.documentSha256);
    if (!doc) throw new NotFound('SIGNED_DOCUMENT_NOT_FOUND', `No signed document has been uploaded for agreement ${id}`, { id });
    return { fileName: `accordo-lavoro-agile-firmato-${id}.pdf`, bytes: Buffer.from(doc.contentBase64, 'base64'), sha256: doc.sha256 };
  }

  /**
   * Paged as every list (soonest first, ties by agreement id). The due date is computed from the delivery date, so
   * the keyset applies to the rows `dueWithin` reads: those delivered in a window of about `days` days, not a table.
   */
  /** `reach`: a manager's login lists only the people it reaches. */
  async safetyNoticesDue(days: number, limit = 50, cursor?: string, reach: ReachNarrowing | null = null): Promise<SafetyNoticesDueDto> {
    const today = this.records.today();
    const after = readCursor(cursor, SAFETY_NOTICES_SORT, 2);
    const due = (await this.safetyNotices.dueWithin(today, days)).filter(
      (d) =>
        keeps(reach, d.agreement.employeeId) &&
        (!after || d.dueDate > String(after[0]) || (d.dueDate === String(after[0]) && d.agreement.id > String(after[1]))),
    );
    const page = pageOf(
      due.slice(0, limit + 1),
      limit,
      SAFETY_NOTICES_SORT,
      (d) => [d.dueDate, d.agreement.id],
      ({ agreement: a, dueDate }) => ({
        agreementId: a.id,
        employeeId: a.employeeId,
        state: a.state,
        deliveredOn: a.safetyNoticeDeliveredOn as string,
        expiresOn: dueDate,
      }),
    );
    return page;
  }
}
