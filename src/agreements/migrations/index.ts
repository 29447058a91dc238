import { Agreements1764500000000 } from './1764500000000-agreements';
import { CountersignatureTrail1765240000000 } from './1765240000000-countersignature-trail';
import { AgreementDocuments1766120000000 } from './1766120000000-agreement-documents';

/** This module's migrations; all modules' run together in timestamp order. */
export const agreementsMigrations: (new () => import('typeorm').MigrationInterface)[] = [
  Agreements1764500000000,
  CountersignatureTrail1765240000000,
  AgreementDocuments1766120000000,
];
