/**
 * The life of an asset (SPEC §2): in_stock → assigned → in_stock | in_repair | lost | stolen | retired.
 * Each change is named by the event that causes it, so the rules read as the technicians say them.
 */
export const ASSET_STATES = ['in_stock', 'assigned', 'in_repair', 'lost', 'stolen', 'retired'] as const;
export type AssetState = (typeof ASSET_STATES)[number];

export type AssetEvent =
  /** handed to an employee in a handover */
  | 'handover'
  /** came back in good or worn condition */
  | 'return_ok'
  /** came back damaged: straight to repair */
  | 'return_damaged'
  | 'report_lost'
  | 'report_stolen'
  /** sent to repair from the shelf (an assigned asset goes through a return first) */
  | 'report_in_repair'
  /** repaired, or a lost/stolen asset recovered */
  | 'report_back_in_stock'
  /** disposal (RAEE) after secure erasure */
  | 'report_retired';

const TRANSITIONS: Record<AssetEvent, { from: readonly AssetState[]; to: AssetState }> = {
  handover: { from: ['in_stock'], to: 'assigned' },
  return_ok: { from: ['assigned'], to: 'in_stock' },
  return_damaged: { from: ['assigned'], to: 'in_repair' },
  report_lost: { from: ['in_stock', 'assigned', 'in_repair'], to: 'lost' },
  report_stolen: { from: ['in_stock', 'assigned', 'in_repair'], to: 'stolen' },
  report_in_repair: { from: ['in_stock'], to: 'in_repair' },
  report_back_in_stock: { from: ['in_repair', 'lost', 'stolen'], to: 'in_stock' },
  report_retired: { from: ['in_stock', 'in_repair'], to: 'retired' },
};

export type TransitionResult = { ok: true; to: AssetState } | { ok: false; from: AssetState; event: AssetEvent; allowedFrom: readonly AssetState[] };

export function transition(from: AssetState, event: AssetEvent): TransitionResult {
  const rule = TRANSITIONS[event];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  return { ok: false, from, event, allowedFrom: rule.from };
}

/** The states an event may start from: the WHERE clause of the conditional update that applies it. */
export function statesAllowing(event: AssetEvent): readonly AssetState[] {
  return TRANSITIONS[event].from;
}

export function targetState(event: AssetEvent): AssetState {
  return TRANSITIONS[event].to;
}

/** Report statuses accepted by `POST /assets/:id/report`, and the event each one means. */
export const REPORT_STATUSES = ['lost', 'stolen', 'in_repair', 'retired', 'in_stock'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_EVENT: Record<ReportStatus, AssetEvent> = {
  lost: 'report_lost',
  stolen: 'report_stolen',
  in_repair: 'report_in_repair',
  retired: 'report_retired',
  in_stock: 'report_back_in_stock',
};

/** States in which an asset is still part of the fleet (counted for warranties and stock). */
export const IN_SERVICE_STATES: readonly AssetState[] = ['in_stock', 'assigned', 'in_repair'];
