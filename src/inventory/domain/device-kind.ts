/** Device kinds the municipality buys for remote work (SPEC §2 "Inventory"). */
export const DEVICE_KINDS = ['laptop', 'docking_station', 'monitor', 'keyboard', 'mouse', 'webcam', 'headset', 'mobile_router'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * Kinds that may only go to an employee who passes the provisioning gate: they carry data or give access
 * to the municipal network. Webcams, headsets and desk peripherals also serve office desktop PCs (seed 2.5e).
 */
export const GATED_KINDS: readonly DeviceKind[] = ['laptop', 'docking_station', 'mobile_router'];

/** Kinds that hold data or credentials: returning or retiring one needs a recorded secure erasure. */
export const DATA_BEARING_KINDS: readonly DeviceKind[] = ['laptop', 'mobile_router'];

/** Kinds a station certificate (VPN) is bound to: when one comes back from its holder, its certificates are revoked. */
export const STATION_KINDS: readonly DeviceKind[] = ['laptop'];

/** Data-wipe confirmation is required when a laptop comes back (it may hold personal and office data). */
export const WIPE_ON_RETURN_KINDS: readonly DeviceKind[] = ['laptop'];

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}

export function isGatedKind(kind: DeviceKind): boolean {
  return GATED_KINDS.includes(kind);
}

export const OWNERSHIPS = ['municipal', 'personal'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Italian names used on receipts. */
export const KIND_LABEL_IT: Record<DeviceKind, string> = {
  laptop: 'Computer portatile',
  docking_station: 'Docking station',
  monitor: 'Monitor',
  keyboard: 'Tastiera',
  mouse: 'Mouse',
  webcam: 'Webcam',
  headset: 'Cuffie con microfono',
  mobile_router: 'Router mobile / SIM dati',
};
