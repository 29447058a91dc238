/**
 * The public face of the notices feature: all that other features (and the composition root) may import from it.
 * Everything else under src/notices/ is private (eslint-rules/feature-boundaries.js).
 */
export { NOTICE_KINDS, NoticeFacts, NoticeKind, NoticeRequest } from './domain/notice-kinds';
export { noticesEntities } from './notices.entities';
export { noticesMigrations } from './migrations';
export { NoticesModule } from './notices.module';
export { NoticeSource, NoticeSources } from './notice-sources';
export { NoticesDaily } from './notices-daily.service';
export { Notices } from './notices.service';
