import { AgreementEntity, toSnapshot } from './agreement.entity';
import { isInForce } from './domain/in-force';
import { safetyNoticeStatus } from './domain/safety-notice.policy';
import { AgreementDto } from './dto/agreement.dto';

export function toAgreementDto(a: AgreementEntity, today: string): AgreementDto {
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
