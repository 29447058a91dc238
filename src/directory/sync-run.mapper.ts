import { Actor } from '../common/auth/roles';
import { DirectorySyncRunEntity } from './directory-sync-run.entity';
import { SyncRunDto, SyncRunSummaryDto } from './dto/sync-run.dto';

export function toSyncRunDto(r: DirectorySyncRunEntity): SyncRunDto {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    kind: r.kind,
    kindReason: r.kindReason,
    changeTracking: r.changeTracking,
    watermark: r.watermark,
    directoryIdentity: r.directoryIdentity,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    directoryEntries: Number(r.directoryEntries),
    created: Number(r.created),
    updated: Number(r.updated),
    deactivated: Number(r.deactivated),
    reactivated: Number(r.reactivated),
    unchanged: Number(r.unchanged),
    skipped: Number(r.skipped),
    errors: JSON.parse(r.errors || '[]') as SyncRunDto['errors'],
    errorCount: Number(r.errorCount),
    durationMs: r.durationMs === null ? null : Number(r.durationMs),
    refusalReason: r.refusalReason,
    failure: r.failure,
  };
}

/** Counts for the RTD, who watches the data behind the indicators; the whole run (errors naming entries) for admins. */
export function syncRunFor(actor: Actor, r: DirectorySyncRunEntity): SyncRunDto | SyncRunSummaryDto {
  if (actor.role === 'admin') return toSyncRunDto(r);
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    kind: r.kind,
    kindReason: r.kindReason,
    requestedAt: r.requestedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    directoryEntries: Number(r.directoryEntries),
    created: Number(r.created),
    updated: Number(r.updated),
    deactivated: Number(r.deactivated),
    reactivated: Number(r.reactivated),
    unchanged: Number(r.unchanged),
    skipped: Number(r.skipped),
    errorCount: Number(r.errorCount),
    durationMs: r.durationMs === null ? null : Number(r.durationMs),
  };
}
