import { NoticeSentEntity } from './notice-sent.entity';

export const noticesEntities = [NoticeSentEntity];
