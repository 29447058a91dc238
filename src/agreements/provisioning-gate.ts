import { Tx } from '../database/unit-of-work';

// The refusal codes live with the gate policy (plain domain code); re-exported here as part of the port.
export { GATE_REFUSALS } from './domain/gate-refusals';
export type { GateRefusal } from './domain/gate-refusals';
import type { GateRefusal } from './domain/gate-refusals';

export interface GateDecision {
  employeeId: string;
  /** The calendar date (municipality time zone) the decision is for. */
  date: string;
  allowed: boolean;
  /** Every refusal that applies, not just the first. */
  refusals: GateRefusal[];
  /** The agreement that makes the employee pass (or the one closest to passing), when any. */
  agreementId: string | null;
}

/**
 * The port inventory and VPN call before handing over a gated device (laptop, docking station, mobile router)
 * or issuing VPN access. It is the single place the rule lives (implemented in the agreements module).
 * `tx`: evaluate inside the caller's transaction, so the decision and the change it allows commit together.
 */
export abstract class ProvisioningGate {
  abstract check(employeeId: string, tx?: Tx): Promise<GateDecision>;

  /**
   * The same decision for many employees, with three reads in all (employees, eligibility, agreements) instead of
   * three each: bulk onboarding, the gateway's connect-time pass. Employees the directory does not have are absent
   * from the map (where `check` answers EMPLOYEE_NOT_FOUND).
   */
  abstract checkMany(employeeIds: string[], tx?: Tx): Promise<Map<string, GateDecision>>;
}
