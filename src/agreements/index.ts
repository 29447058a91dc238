/**
 * The public face of the agreements feature: all that other features (and the composition root) may import from it.
 * Everything else under src/agreements/ is private (eslint-rules/feature-boundaries.js).
 */
export { AgreementPause, AgreementSuspensionFollower, AgreementSuspensionFollowers, FollowerOutcome } from './agreement-suspension';
export { AgreementTerms } from './agreement-terms';
export { AgreementDocumentsService, AgreementFile } from './agreement-documents.service';
export { agreementsEntities } from './agreements.entities';
export { AgreementsModule } from './agreements.module';
/** Reads for the employee's own page (self-service): `list` with their employee id. */
export { AgreementsService } from './agreements.service';
export { agreementsMigrations } from './migrations';
export { agreementEmployeesSql, employeesWithAgreementInForceSql } from './domain/in-force.sql';
export { GateDecision, ProvisioningGate } from './provisioning-gate';
export { AGREEMENTS_ERRORS, GATE_REFUSAL_MESSAGES, AgreementsErrorCode } from './agreements.errors';
export { GATE_EXPLANATIONS_IT } from './domain/gate-explanations';
