import { ACTIVITIES_ERRORS } from '../../activities';
import { AGREEMENTS_ERRORS, GATE_EXPLANATIONS_IT, GATE_REFUSAL_MESSAGES } from '../../agreements';
import { AUTH_ERRORS } from '../../auth';
import { DIRECTORY_ERRORS } from '../../directory';
import { INVENTORY_ERRORS } from '../../inventory';
import { JOBS_ERRORS } from '../../jobs';
import { KPI_ERRORS } from '../../kpi';
import { OFFBOARDING_ERRORS } from '../../offboarding';
import { PKI_ERRORS } from '../../pki';
import { SELF_SERVICE_ERRORS } from '../../self-service';
import { TRAINING_ERRORS } from '../../training';
import { VPN_ERRORS } from '../../vpn';
import { COMMON_ERRORS } from './common.errors';
import { CodesOfKind, ErrorKind, ErrorSpec, STATUS_BY_KIND } from './error-spec';

/**
 * The one catalog of error codes: the shared kernel's and every feature's own list (`<feature>.errors.ts`, exported
 * by its face). The types below close the codes: `DomainError` constructors accept only catalog codes of their
 * kind. At run time the catalog is read by the OpenAPI document (every route's error responses, bootstrap.ts) and
 * by the tests; domain code imports only its types, so no feature loads the catalog (and no import cycle forms).
 * Each code has its English default and its Italian text (`it`, rendered by italian-message.ts for the pages).
 */
export const ERROR_LISTS = {
  common: COMMON_ERRORS,
  activities: ACTIVITIES_ERRORS,
  agreements: AGREEMENTS_ERRORS,
  auth: AUTH_ERRORS,
  directory: DIRECTORY_ERRORS,
  inventory: INVENTORY_ERRORS,
  jobs: JOBS_ERRORS,
  kpi: KPI_ERRORS,
  offboarding: OFFBOARDING_ERRORS,
  pki: PKI_ERRORS,
  selfService: SELF_SERVICE_ERRORS,
  training: TRAINING_ERRORS,
  vpn: VPN_ERRORS,
} as const;

export const ERROR_CATALOG = {
  ...COMMON_ERRORS,
  ...ACTIVITIES_ERRORS,
  ...AGREEMENTS_ERRORS,
  ...AUTH_ERRORS,
  ...DIRECTORY_ERRORS,
  ...INVENTORY_ERRORS,
  ...JOBS_ERRORS,
  ...KPI_ERRORS,
  ...OFFBOARDING_ERRORS,
  ...PKI_ERRORS,
  ...SELF_SERVICE_ERRORS,
  ...TRAINING_ERRORS,
  ...VPN_ERRORS,
} as const;

export type ErrorCatalog = typeof ERROR_CATALOG;
export type ErrorCode = Extract<keyof ErrorCatalog, string>;
/** The codes declared with kind K (what the DomainError class of that kind accepts). */
export type CodeOf<K extends ErrorKind> = CodesOfKind<ErrorCatalog, K>;

/** The SPEC reasons a GATE_REFUSED lists in `details.refusals`, in English and in plain Italian. */
export { GATE_EXPLANATIONS_IT, GATE_REFUSAL_MESSAGES };

export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERROR_CATALOG[code];
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_KIND[ERROR_CATALOG[code].kind];
}
