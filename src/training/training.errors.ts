import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the training feature: kind (hence HTTP status) and English default message. */
export const TRAINING_ERRORS = defineErrors({
  TRAINING_COURSE_NOT_FOUND: { kind: 'not_found', message: 'training course {id} does not exist' },
  TRAINING_PARTICIPANT_NOT_FOUND: { kind: 'not_found', message: 'employee {employeeId} is not a participant of course {courseId}' },
  TRAINING_PARTICIPANTS_REFUSED: { kind: 'rule', message: 'Some employees cannot take part (unknown or inactive); nothing was written' },
  TRAINING_EMPLOYEE_INACTIVE: { kind: 'rule', message: 'employee {id} is not active' },
});

export type TrainingErrorCode = keyof typeof TRAINING_ERRORS;
