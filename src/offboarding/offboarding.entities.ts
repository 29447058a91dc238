import { OffboardingCaseStepEntity } from './offboarding-case-step.entity';
import { OffboardingCaseEntity } from './offboarding-case.entity';

export const offboardingEntities = [OffboardingCaseEntity, OffboardingCaseStepEntity];
