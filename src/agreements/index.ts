/**
 * The public face of the agreements feature: all that other features (and the composition root) may import from it.
 * Everything else under src/agreements/ is private (eslint-rules/feature-boundaries.js).
 */
export { AgreementPause, AgreementSuspensionFollower, AgreementSuspensionFollowers, FollowerOutcome } from './agreement-suspension';
export { AgreementTerms } from './agreement-terms';
export { agreementsEntities } from './agreements.entities';
export { AgreementsModule } from './agreements.module';
export { agreementsMigrations } from './migrations';
export { agreementEmployeesSql, employeesWithAgreementInForceSql } from './domain/in-force.sql';
export { GateDecision, ProvisioningGate } from './provisioning-gate';
export { AGREEMENTS_ERRORS, GATE_REFUSAL_MESSAGES, AgreementsErrorCode } from './agreements.errors';
