import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the activities feature: kind (hence HTTP status) and English default message. */
export const ACTIVITIES_ERRORS = defineErrors({
  ACTIVITY_IMPORT_INVALID: {
    kind: 'validation',
    message: 'The activity map has {length} problem(s); nothing was imported',
    it: 'La mappa delle attività contiene errori[ ({errorCount})]: non è stato importato nulla',
  },
  TRANSVERSAL_IMPORT_INVALID: {
    kind: 'validation',
    message: 'The transversal activities table has {length} problem(s); nothing was imported',
    it: 'La tabella delle attività trasversali contiene errori[ ({errorCount})]: non è stato importato nulla',
  },
  UNKNOWN_ACTIVITIES: { kind: 'rule', message: '{length} activity id(s) do not exist', it: 'Alcune attività indicate non esistono[: {activityIds}]' },
});

export type ActivitiesErrorCode = keyof typeof ACTIVITIES_ERRORS;
