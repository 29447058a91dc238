import { Injectable } from '@nestjs/common';
import { OffboardingStep, OffboardingSteps } from './offboarding-step';

const STEP_NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * The steps features contribute (inventory: return tasks; VPN: suspend, revoke, leave the group). Steps run in
 * registration order; their names are recorded on each case, so a name must be stable across releases.
 */
@Injectable()
export class OffboardingStepsRegistry extends OffboardingSteps {
  private readonly steps = new Map<string, OffboardingStep>();

  register(step: OffboardingStep): void {
    if (!STEP_NAME.test(step.name)) throw new Error(`offboarding step name "${step.name}": use lower-case letters, digits, '.', '_' or '-'`);
    if (this.steps.has(step.name)) throw new Error(`offboarding step ${step.name} is already registered`);
    this.steps.set(step.name, step);
  }

  all(): OffboardingStep[] {
    return [...this.steps.values()];
  }
}
