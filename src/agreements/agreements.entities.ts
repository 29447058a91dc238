import { AgreementEntity } from './agreement.entity';

export const agreementsEntities = [AgreementEntity];
