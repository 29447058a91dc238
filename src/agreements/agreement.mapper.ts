import { AgreementEntity, toSnapshot } from './agreement.entity';
import { isInForce } from './domain/in-force';
import { safetyNoticeStatus } from './domain/safety-notice.policy';
import { Actor } from '../common/auth/roles';
import { readsSpecialCategory } from '../common/auth/special-category';
import { AgreementDto, AgreementHrDto, AgreementHrListDto, AgreementListDto, CountersignatureDto } from './dto/agreement.dto';

/** The whole record, as HR and admins read it; services return this and controllers choose the reader's type. */
export function toAgreementHrDto(a: AgreementEntity, today: string): AgreementHrDto {
  const notice = safetyNoticeStatus(a.safetyNoticeDeliveredOn, today);
  return {
    id: a.id,
    employeeId: a.employeeId,
    state: a.state,
    startDate: a.startDate,
    endDate: a.endDate,
    indefinite: a.endDate === null,
    remoteDaysPerWeek: a.remoteDaysPerWeek,
    places: JSON.parse(a.places) as string[],
    contactBand: a.contactBand,
    nonOperabilityBand: a.nonOperabilityBand,
    rightToDisconnect: a.rightToDisconnect,
    toolsProvided: JSON.parse(a.toolsProvided) as string[],
    objectives: a.objectives,
    resultsMonitoring: a.resultsMonitoring,
    safetyNotice: { deliveredOn: a.safetyNoticeDeliveredOn, expiresOn: notice.expiresOn, status: notice.status },
    signatures: {
      employee: a.employeeSignedAt && a.employeeSignerId ? { signerEmployeeId: a.employeeSignerId, signedAt: a.employeeSignedAt } : null,
      manager: a.managerSignedAt && a.managerSignerId ? { signerEmployeeId: a.managerSignerId, signedAt: a.managerSignedAt } : null,
      countersignature: toCountersignatureDto(a),
      documentSha256: a.documentSha256,
    },
    suspension: a.state === 'suspended' && a.suspendedAt ? { suspendedAt: a.suspendedAt, reason: a.suspensionReason ?? '' } : null,
    withdrawal:
      a.withdrawalEffectiveDate && a.withdrawalNoticeDate && a.withdrawalInitiatedBy
        ? {
            initiatedBy: a.withdrawalInitiatedBy,
            noticeDate: a.withdrawalNoticeDate,
            effectiveDate: a.withdrawalEffectiveDate,
            justifiedCause: a.withdrawalJustifiedCause ?? false,
            basis: a.withdrawalBasis ?? 'notice_30_days',
            noticeDays: a.withdrawalNoticeDays ?? 0,
            reason: a.withdrawalReason ?? '',
          }
        : null,
    endedOn: a.endedOn,
    inForceToday: isInForce(toSnapshot(a), today),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
  };
}

function toCountersignatureDto(a: AgreementEntity): CountersignatureDto | null {
  if (!a.managerSignerId || !(a.managerSignedAt || a.managerSignatureRecordedAt)) return null;
  return {
    status: a.managerSignedAt ? 'confirmed' : 'awaiting_confirmation',
    signerEmployeeId: a.managerSignerId,
    recordedAt: a.managerSignatureRecordedAt,
    recordedBy: a.managerSignatureRecordedBy,
    documentReference: a.managerSignatureReference,
    confirmedBy: a.managerSignatureConfirmedBy,
  };
}

/**
 * The agreement without special-category data, for every reader but HR and admins. Built field by field (not by
 * deleting from the HR record), so a field added to the record reaches other roles only when listed here.
 */
export function toAgreementDto(r: AgreementHrDto): AgreementDto {
  return {
    id: r.id,
    employeeId: r.employeeId,
    state: r.state,
    startDate: r.startDate,
    endDate: r.endDate,
    indefinite: r.indefinite,
    remoteDaysPerWeek: r.remoteDaysPerWeek,
    places: r.places,
    contactBand: r.contactBand,
    nonOperabilityBand: r.nonOperabilityBand,
    rightToDisconnect: r.rightToDisconnect,
    toolsProvided: r.toolsProvided,
    objectives: r.objectives,
    resultsMonitoring: r.resultsMonitoring,
    safetyNotice: r.safetyNotice,
    signatures: r.signatures,
    suspension: r.suspension ? { suspendedAt: r.suspension.suspendedAt } : null,
    endedOn: r.endedOn,
    inForceToday: r.inForceToday,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** The response type the actor's role may read (special-category data for HR and admins only). */
export function agreementFor(actor: Actor, r: AgreementHrDto): AgreementDto | AgreementHrDto {
  return readsSpecialCategory(actor) ? r : toAgreementDto(r);
}

export function agreementListFor(actor: Actor, list: AgreementHrListDto): AgreementListDto | AgreementHrListDto {
  return readsSpecialCategory(actor) ? list : { items: list.items.map(toAgreementDto), nextCursor: list.nextCursor };
}
