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

export const DOCUMENT_REFERENCE = 'prot. 2026/0001234';

/**
 * Creates an agreement through HTTP the way an HR office records a paper one: `token` records the employee's and
 * the countersigner's signatures (with the paper's reference), then an admin — a second person, not the creator
 * of `token` — confirms the countersignature (domain/countersignature.policy.ts). Returns the final body.
 */
export async function createSignedAgreement(
  t: TestApp,
  token: string,
  employeeId: string,
  countersignerId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; state: string; [k: string]: unknown }> {
  const created = await t.http().post('/api/v1/agreements').set(auth(token)).send(agreementBody(employeeId, overrides)).expect(201);
  const id = created.body.id as string;
  await t
    .http()
    .post(`/api/v1/agreements/${id}/sign`)
    .set(auth(token))
    .send({ party: 'employee', signerEmployeeId: employeeId, documentSha256: DOCUMENT_SHA256 })
    .expect(200);
  await t
    .http()
    .post(`/api/v1/agreements/${id}/sign`)
    .set(auth(token))
    .send({ party: 'manager', signerEmployeeId: countersignerId, documentSha256: DOCUMENT_SHA256, documentReference: DOCUMENT_REFERENCE })
    .expect(200);
  const confirmer = token === t.adminToken ? await t.tokenFor('admin', 'second-admin') : t.adminToken;
  const confirmed = await t.http().post(`/api/v1/agreements/${id}/countersignature/confirm`).set(auth(confirmer)).send({}).expect(200);
  return confirmed.body;
}
