import { LocalJobEntity } from './drivers/local-job.entity';
import { OutboxEntity } from './outbox/outbox.entity';

export const jobsEntities = [LocalJobEntity, OutboxEntity];
