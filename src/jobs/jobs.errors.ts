import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the jobs feature: kind (hence HTTP status) and English default message. */
export const JOBS_ERRORS = defineErrors({
  FAILED_JOB_NOT_FOUND: { kind: 'not_found', message: 'failed_job {id} does not exist', it: "L'operazione non riuscita[ {id}] non esiste" },
  QUEUE_UNAVAILABLE: {
    kind: 'unavailable',
    message: 'The job queue (Redis) is not reachable',
    it: 'Il sistema che esegue le operazioni in coda non è raggiungibile; riprovare più tardi',
  },
});

export type JobsErrorCode = keyof typeof JOBS_ERRORS;
