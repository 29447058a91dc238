import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the training feature: kind (hence HTTP status) and English default message. */
export const TRAINING_ERRORS = defineErrors({
  TRAINING_COURSE_NOT_FOUND: { kind: 'not_found', message: 'training course {id} does not exist', it: 'Il corso di formazione[ {id}] non esiste' },
  TRAINING_PARTICIPANT_NOT_FOUND: {
    kind: 'not_found',
    message: 'employee {employeeId} is not a participant of course {courseId}',
    it: 'Il dipendente[ {employeeId}] non risulta tra i partecipanti del corso',
  },
  TRAINING_PARTICIPANTS_REFUSED: {
    kind: 'rule',
    message: 'Some employees cannot take part (unknown or inactive); nothing was written',
    it: 'Alcuni dipendenti non possono partecipare (sconosciuti o non attivi); non è stato registrato nulla',
  },
  TRAINING_EMPLOYEE_INACTIVE: { kind: 'rule', message: 'employee {id} is not active', it: 'Il dipendente[ {id}] non è attivo' },
});

export type TrainingErrorCode = keyof typeof TRAINING_ERRORS;
