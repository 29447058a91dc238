/**
 * Shared test data factories. They insert rows directly through the DataSource (fast, no audit events), so use
 * them for the *context* of a test; exercise the HTTP API when the thing under test is that API.
 *
 *   const t = await startTestApp({ clock: new FixedClock(new Date('2026-03-10T09:00:00Z')) });
 *   const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10' });
 *   // the gate now passes for employee.id on 2026-03-10
 *
 * - createService / createEmployee / createManager / createDirectorGeneral  (people.factory.ts)
 * - createActivity / linkActivities / makeEligible                         (activities.factory.ts)
 * - createAgreementInForce / createProvisionableEmployee                   (agreements.factory.ts)
 * - agreementBody / createSignedAgreement (HTTP, for tests of agreements)  (agreement-requests.ts)
 */
export * from './people.factory';
export * from './activities.factory';
export * from './agreements.factory';
export * from './agreement-requests';
