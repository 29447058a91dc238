import { DATA_BEARING_KINDS, DeviceKind } from './device-kind';
import { ReportStatus } from './asset-state';

export interface ReportFields {
  erasureMethod?: string | null;
  erasureCertificateRef?: string | null;
}

export type ReportProblem = { code: 'ERASURE_REQUIRED' | 'DISPOSAL_CERTIFICATE_REQUIRED'; message: string };

/**
 * Disposal (RAEE) needs the disposal/erasure certificate reference for every device, and the secure-erasure
 * method for devices that hold data (laptops, mobile routers with their SIM and configuration).
 */
export function checkReport(kind: DeviceKind, status: ReportStatus, fields: ReportFields): ReportProblem[] {
  if (status !== 'retired') return [];
  const problems: ReportProblem[] = [];
  if (DATA_BEARING_KINDS.includes(kind) && !fields.erasureMethod?.trim()) {
    problems.push({ code: 'ERASURE_REQUIRED', message: `retiring a ${kind} needs the secure-erasure method (e.g. NIST 800-88 purge)` });
  }
  if (!fields.erasureCertificateRef?.trim()) {
    problems.push({ code: 'DISPOSAL_CERTIFICATE_REQUIRED', message: 'retirement needs the reference of the erasure/disposal certificate (RAEE)' });
  }
  return problems;
}

/** A lost or stolen laptop may carry a station certificate: the PKI revokes it (keyCompromise) at once. */
export function compromisesStation(kind: DeviceKind, status: ReportStatus): boolean {
  return kind === 'laptop' && (status === 'lost' || status === 'stolen');
}

/** Reports that end the holder's custody: the open assignment is closed with this reason. */
export function closesAssignment(status: ReportStatus): boolean {
  return status === 'lost' || status === 'stolen';
}
