/**
 * The Italian words the employee's page shows beside each state code. The unions are this feature's reading of
 * the owners' states: the service passes the owners' values in, so a state added there fails to compile here until
 * it has its words.
 */
export type OwnAgreementState = 'draft' | 'awaiting_confirmation' | 'signed' | 'active' | 'suspended' | 'withdrawn' | 'expired';
export type OwnVpnState = 'requested' | 'approved' | 'issued' | 'installed' | 'active' | 'suspended' | 'revoked';
export type OwnDeviceKind = 'laptop' | 'docking_station' | 'monitor' | 'keyboard' | 'mouse' | 'webcam' | 'headset' | 'mobile_router';
export type OwnNoticeStatus = 'valid' | 'missing' | 'expired';
export type OwnHandoverStatus = 'open' | 'partially_returned' | 'closed';
export type OwnCertificateStatus = 'valid' | 'on_hold' | 'revoked';

export const AGREEMENT_STATE_WORDS: Record<OwnAgreementState, string> = {
  draft: 'In preparazione (da firmare)',
  awaiting_confirmation: 'Firmato, in attesa di conferma',
  signed: 'Firmato (non ancora iniziato)',
  active: 'In vigore',
  suspended: 'Sospeso',
  withdrawn: 'Receduto',
  expired: 'Scaduto',
};

export const VPN_STATE_WORDS: Record<OwnVpnState, string> = {
  requested: 'Richiesto',
  approved: 'Approvato, in attesa del certificato',
  issued: 'Certificato emesso',
  installed: 'Installato',
  active: 'Attivo',
  suspended: 'Sospeso',
  revoked: 'Revocato',
};

export const DEVICE_KIND_WORDS: Record<OwnDeviceKind, string> = {
  laptop: 'Portatile',
  docking_station: 'Docking station',
  monitor: 'Monitor',
  keyboard: 'Tastiera',
  mouse: 'Mouse',
  webcam: 'Webcam',
  headset: 'Cuffie',
  mobile_router: 'Router mobile (SIM)',
};

export const NOTICE_STATUS_WORDS: Record<OwnNoticeStatus, string> = {
  valid: 'Valida',
  missing: 'Da ricevere',
  expired: 'Scaduta: da rinnovare',
};

export const HANDOVER_STATUS_WORDS: Record<OwnHandoverStatus, string> = {
  open: 'In consegna',
  partially_returned: 'Restituita in parte',
  closed: 'Chiusa',
};

export const CERTIFICATE_STATUS_WORDS: Record<OwnCertificateStatus, string> = {
  valid: 'Valido',
  on_hold: 'Sospeso',
  revoked: 'Revocato',
};

/** The words for a code the owner types as a plain string; a code without words (added since) shows as it is. */
export function wordsFor<K extends string>(words: Record<K, string>, code: string): string {
  return Object.prototype.hasOwnProperty.call(words, code) ? words[code as K] : code;
}
