import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { calendarDate } from '../../src/common/clock';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { makeEligible } from './activities.factory';
import { createEmployee, createManager } from './people.factory';

export interface AgreementOptions {
  /** The business date the agreement must be in force on (your FixedClock's date). Default: today in Europe/Rome. */
  today?: string;
  /** Default: 60 days before `today`. */
  startDate?: string;
  /** Default: null (indefinite). */
  endDate?: string | null;
  /** Default: `today` (valid for 12 months). null: never delivered. */
  safetyNoticeDeliveredOn?: string | null;
  /** Countersigner; default: a new manager of the employee's service. */
  managerSignerId?: string;
  overrides?: Partial<AgreementEntity>;
}

const minusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A signed agreement, active and in force on `today`, inserted directly (no HTTP, no audit event): the gate
 * passes for this employee if they are also active and eligible. Use the HTTP API instead when the test is
 * about agreements themselves.
 */
export async function createAgreementInForce(
  ds: DataSource,
  employee: Pick<EmployeeEntity, 'id' | 'serviceId'>,
  options: AgreementOptions = {},
): Promise<AgreementEntity> {
  const managerSignerId = options.managerSignerId ?? (await createManager(ds, employee.serviceId)).id;
  const agreement = agreementInForceRow(employee.id, managerSignerId, options);
  await ds.getRepository(AgreementEntity).insert(agreement);
  return agreement;
}

/** The row createAgreementInForce inserts, for callers that insert many at once (test/fixtures/onboardable.ts). */
export function agreementInForceRow(employeeId: string, managerSignerId: string, options: Omit<AgreementOptions, 'managerSignerId'> = {}): AgreementEntity {
  const today = options.today ?? calendarDate(new Date(), 'Europe/Rome');
  return {
    id: randomUUID(),
    employeeId,
    state: 'active',
    startDate: options.startDate ?? minusDays(today, 60),
    endDate: options.endDate ?? null,
    remoteDaysPerWeek: 2,
    places: JSON.stringify(['domicilio']),
    contactBand: '09:30-12:30',
    nonOperabilityBand: '20:00-07:30',
    rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità.',
    toolsProvided: JSON.stringify(['notebook']),
    objectives: 'Obiettivi di prova',
    resultsMonitoring: 'Report mensile al dirigente',
    safetyNoticeDeliveredOn: options.safetyNoticeDeliveredOn === undefined ? today : options.safetyNoticeDeliveredOn,
    employeeSignedAt: '2020-01-01T09:00:00.000Z',
    employeeSignerId: employeeId,
    managerSignedAt: '2020-01-01T10:00:00.000Z',
    managerSignerId,
    documentSha256: 'ab'.repeat(32),
    // Recorded from paper by HR and confirmed by a second person (domain/countersignature.policy.ts).
    employeeSignatureRecordedBy: 'factory-hr',
    managerSignatureRecordedAt: '2020-01-01T10:00:00.000Z',
    managerSignatureRecordedBy: 'factory-hr',
    managerSignatureReference: 'prot. factory',
    managerSignatureConfirmedBy: 'factory-admin',
    suspendedAt: null,
    suspensionReason: null,
    withdrawalInitiatedBy: null,
    withdrawalNoticeDate: null,
    withdrawalEffectiveDate: null,
    withdrawalJustifiedCause: null,
    withdrawalReason: null,
    withdrawalBasis: null,
    withdrawalNoticeDays: null,
    endedOn: null,
    createdBy: 'factory',
    createdAt: '2020-01-01T08:00:00.000Z',
    updatedAt: '2020-01-01T10:00:00.000Z',
    version: 3,
    ...options.overrides,
  };
}

/**
 * The one-liner for inventory and VPN tests: an active employee who passes the gate on `today` (eligible, with
 * a signed agreement in force and a fresh safety notice). Returns the employee and the agreement.
 */
export async function createProvisionableEmployee(
  ds: DataSource,
  options: AgreementOptions & { employee?: Partial<EmployeeEntity> } = {},
): Promise<{ employee: EmployeeEntity; agreement: AgreementEntity }> {
  const employee = await createEmployee(ds, options.employee);
  await makeEligible(ds, employee);
  const agreement = await createAgreementInForce(ds, employee, options);
  return { employee, agreement };
}
