import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the activities feature: kind (hence HTTP status) and English default message. */
export const ACTIVITIES_ERRORS = defineErrors({
  ACTIVITY_IMPORT_INVALID: { kind: 'validation', message: 'The activity map has {length} problem(s); nothing was imported' },
  TRANSVERSAL_IMPORT_INVALID: { kind: 'validation', message: 'The transversal activities table has {length} problem(s); nothing was imported' },
  UNKNOWN_ACTIVITIES: { kind: 'rule', message: '{length} activity id(s) do not exist' },
});

export type ActivitiesErrorCode = keyof typeof ACTIVITIES_ERRORS;
