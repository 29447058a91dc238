import { AgreementDocumentEntity } from './agreement-document.entity';
import { AgreementEntity } from './agreement.entity';

export const agreementsEntities = [AgreementEntity, AgreementDocumentEntity];
