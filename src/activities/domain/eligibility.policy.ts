import { ActivityMode, isRemoteCapable } from './activity-mode';

export interface LinkedActivity {
  id: string;
  serviceCode: string;
  macroActivity: string;
  name: string;
  mode: ActivityMode;
}

export interface Eligibility<T extends LinkedActivity> {
  eligible: boolean;
  /** The linked activities that make the employee eligible (fully or partially remote), or none. */
  decidingActivities: T[];
}

/** SPEC §2: eligible for remote work when linked to at least one fully_remote or partially_remote activity. */
export function decideEligibility<T extends LinkedActivity>(linked: T[]): Eligibility<T> {
  const deciding = linked.filter((a) => isRemoteCapable(a.mode));
  return { eligible: deciding.length > 0, decidingActivities: deciding };
}

/** How much of a person's work can be done remotely, as a manager reads their people's activity map. */
export type RemoteCapability = 'fully' | 'partially' | 'none';

/**
 * Built on the rule above, never beside it: `none` exactly when not eligible; `fully` when every linked activity
 * is fully remote; `partially` otherwise (a partially remote activity, or remote ones beside in-presence ones).
 */
export function remoteCapability(linked: LinkedActivity[]): RemoteCapability {
  if (!decideEligibility(linked).eligible) return 'none';
  return linked.every((a) => a.mode === 'fully_remote') ? 'fully' : 'partially';
}
