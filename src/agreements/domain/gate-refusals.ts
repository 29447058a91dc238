/** Every reason the gate can refuse (SPEC §2 "The gate"), in the order they are reported. */
export const GATE_REFUSALS = [
  'EMPLOYEE_INACTIVE',
  'EMPLOYEE_NOT_ELIGIBLE',
  'AGREEMENT_MISSING',
  'AGREEMENT_NOT_SIGNED',
  /** With AGREEMENT_NOT_SIGNED: the counterpart signature was recorded from paper and awaits a second person. */
  'COUNTERSIGNATURE_UNCONFIRMED',
  'AGREEMENT_NOT_IN_FORCE',
  'SAFETY_NOTICE_MISSING',
] as const;
export type GateRefusal = (typeof GATE_REFUSALS)[number];
