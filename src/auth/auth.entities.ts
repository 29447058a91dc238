import { ApiTokenEntity } from './api-token.entity';

export const authEntities = [ApiTokenEntity];
