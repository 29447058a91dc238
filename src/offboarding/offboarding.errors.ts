import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the offboarding feature: kind (hence HTTP status) and English default message. */
export const OFFBOARDING_ERRORS = defineErrors({
  OFFBOARDING_CASE_NOT_FOUND: { kind: 'not_found', message: 'offboarding_case {id} does not exist', it: 'La pratica di cessazione[ {id}] non esiste' },
});

export type OffboardingErrorCode = keyof typeof OFFBOARDING_ERRORS;
