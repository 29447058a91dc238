import { TestApp, auth } from '../helpers/test-app';

/** A valid body for POST /api/v1/agreements (indefinite, 2 days a week); override what the test is about. */
export function agreementBody(employeeId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    employeeId,
    startDate: '2026-01-01',
    remoteDaysPerWeek: 2,
    places: ['domicilio'],
    contactBand: '09:30-12:30',
    nonOperabilityBand: '20:00-07:30',
    rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità.',
    toolsProvided: ['notebook', 'router 4G'],
    objectives: 'Istruttoria delle pratiche assegnate',
    resultsMonitoring: 'Report mensile al dirigente',
    ...overrides,
  };
}

export const DOCUMENT_SHA256 = 'c0ffee'.padEnd(64, '0');

/** Creates an agreement and signs it by the employee and the countersigner through HTTP; returns the final body. */
export async function createSignedAgreement(
  t: TestApp,
  token: string,
  employeeId: string,
  countersignerId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; state: string; [k: string]: unknown }> {
  const created = await t.http().post('/api/v1/agreements').set(auth(token)).send(agreementBody(employeeId, overrides)).expect(201);
  const id = created.body.id as string;
  await t.http().post(`/api/v1/agreements/${id}/sign`).set(auth(token)).send({ party: 'employee', signerEmployeeId: employeeId, documentSha256: DOCUMENT_SHA256 }).expect(200);
  const signed = await t
    .http()
    .post(`/api/v1/agreements/${id}/sign`)
    .set(auth(token))
    .send({ party: 'manager', signerEmployeeId: countersignerId, documentSha256: DOCUMENT_SHA256 })
    .expect(200);
  return signed.body;
}
