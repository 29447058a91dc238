import { AgreementSnapshot } from './agreement-snapshot';

/** A signed, active, indefinite agreement from 2026-01-01 with a safety notice of 2026-01-01; override what a scenario needs. */
export function agreementSnapshot(overrides: Partial<AgreementSnapshot> = {}): AgreementSnapshot {
  return {
    id: 'a-1',
    employeeId: 'e-1',
    state: 'active',
    startDate: '2026-01-01',
    endDate: null,
    remoteDaysPerWeek: 2,
    safetyNoticeDeliveredOn: '2026-01-01',
    employeeSignedAt: '2025-12-20T10:00:00.000Z',
    managerSignedAt: '2025-12-21T10:00:00.000Z',
    documentSha256: 'a'.repeat(64),
    withdrawalEffectiveDate: null,
    ...overrides,
  };
}

export const unsigned = { employeeSignedAt: null, managerSignedAt: null, documentSha256: null, state: 'draft' as const };
