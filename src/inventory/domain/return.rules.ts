import { DeviceKind, STATION_KINDS, WIPE_ON_RETURN_KINDS } from './device-kind';

/** Condition of an item when it comes back; a damaged one goes to repair instead of the shelf. */
export const RETURN_CONDITIONS = ['good', 'worn', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export interface OutstandingItem {
  assetId: string;
  kind: DeviceKind;
}

export interface ReturnRequestItem {
  assetId: string;
  condition: ReturnCondition;
}

export interface DataWipeEntry {
  assetId: string;
  method: string;
  confirmed: boolean;
  reference?: string | null;
}

export type ReturnProblem =
  | { code: 'ASSET_NOT_IN_HANDOVER'; assetIds: string[] }
  | { code: 'ITEM_ALREADY_CLOSED'; assetIds: string[] }
  | { code: 'DUPLICATE_ITEM'; assetIds: string[] }
  | { code: 'DATA_WIPE_REQUIRED'; assetIds: string[] }
  | { code: 'DATA_WIPE_UNEXPECTED'; assetIds: string[] };

export interface ReturnPlan {
  toStock: string[];
  toRepair: string[];
  /** the handover is fully back (or otherwise closed) once these items are */
  closesHandover: boolean;
  /**
   * Laptops coming back, to stock or to repair: no certificate may stay valid on them (the PKI revokes theirs,
   * cessationOfOperation); the next holder gets a new one after a new handover.
   */
  stations: string[];
}

/**
 * Checks a (possibly partial) return against the handover: only items still out can come back, each once;
 * every laptop needs a confirmed data wipe (method and confirmation), and a wipe entry must match an item.
 */
export function planReturn(
  allItemIds: string[],
  outstanding: OutstandingItem[],
  items: ReturnRequestItem[],
  wipes: DataWipeEntry[],
): { ok: true; plan: ReturnPlan } | { ok: false; problem: ReturnProblem } {
  const ids = items.map((i) => i.assetId);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) return { ok: false, problem: { code: 'DUPLICATE_ITEM', assetIds: [...new Set(dup)] } };
  const notIn = ids.filter((id) => !allItemIds.includes(id));
  if (notIn.length) return { ok: false, problem: { code: 'ASSET_NOT_IN_HANDOVER', assetIds: notIn } };
  const out = new Map(outstanding.map((o) => [o.assetId, o]));
  const closed = ids.filter((id) => !out.has(id));
  if (closed.length) return { ok: false, problem: { code: 'ITEM_ALREADY_CLOSED', assetIds: closed } };
  const unexpected = wipes.filter((w) => !ids.includes(w.assetId)).map((w) => w.assetId);
  if (unexpected.length) return { ok: false, problem: { code: 'DATA_WIPE_UNEXPECTED', assetIds: unexpected } };
  const needWipe = ids.filter((id) => WIPE_ON_RETURN_KINDS.includes(out.get(id)!.kind));
  const missing = needWipe.filter((id) => !wipes.some((w) => w.assetId === id && w.confirmed && w.method.trim().length > 0));
  if (missing.length) return { ok: false, problem: { code: 'DATA_WIPE_REQUIRED', assetIds: missing } };
  return {
    ok: true,
    plan: {
      toStock: items.filter((i) => i.condition !== 'damaged').map((i) => i.assetId),
      toRepair: items.filter((i) => i.condition === 'damaged').map((i) => i.assetId),
      closesHandover: outstanding.length === ids.length,
      stations: ids.filter((id) => STATION_KINDS.includes(out.get(id)!.kind)),
    },
  };
}
