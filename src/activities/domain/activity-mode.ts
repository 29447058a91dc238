/** The four columns of Allegato 1: how an activity can be carried out. */
export const ACTIVITY_MODES = ['in_presence', 'fully_remote', 'partially_remote', 'outsourced'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];

/** Modes that make an activity (and whoever is linked to it) capable of remote work. */
export const REMOTE_CAPABLE_MODES: readonly ActivityMode[] = ['fully_remote', 'partially_remote'];

export function isActivityMode(value: string): value is ActivityMode {
  return (ACTIVITY_MODES as readonly string[]).includes(value);
}

export function isRemoteCapable(mode: ActivityMode): boolean {
  return REMOTE_CAPABLE_MODES.includes(mode);
}
