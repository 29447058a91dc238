import { RuleViolation } from '../../common/errors/domain-error';

export type SignatureParty = 'employee' | 'manager';

export interface Person {
  id: string;
  serviceId: string;
  active: boolean;
  isManager: boolean;
  isDirectorGeneral: boolean;
}

/**
 * Who may sign (seed 2.2): the employee signs their own agreement; the counterpart is the dirigente of the
 * employee's service, or the Direttore Generale; a dirigente's own agreement is signed by the Direttore
 * Generale only (any other dirigente is refused). Nobody countersigns their own agreement.
 */
export function assertMaySign(party: SignatureParty, employee: Person, signer: Person): void {
  if (!signer.active) throw new RuleViolation('SIGNER_INACTIVE', 'The signer is not an active employee', { signerEmployeeId: signer.id });
  if (party === 'employee') {
    if (signer.id !== employee.id) {
      throw new RuleViolation('SIGNER_NOT_THE_EMPLOYEE', 'The employee signature must be given by the employee the agreement is for', {
        signerEmployeeId: signer.id,
      });
    }
    return;
  }
  if (signer.id === employee.id) {
    throw new RuleViolation('SIGNER_IS_THE_EMPLOYEE', 'The employee cannot countersign their own agreement', { signerEmployeeId: signer.id });
  }
  if (employee.isManager || employee.isDirectorGeneral) {
    if (!signer.isDirectorGeneral) {
      throw new RuleViolation('DIRECTOR_GENERAL_SIGNATURE_REQUIRED', "A manager's agreement is signed by the Direttore Generale", {
        signerEmployeeId: signer.id,
      });
    }
    return;
  }
  if (signer.isDirectorGeneral) return;
  if (!signer.isManager) {
    throw new RuleViolation('SIGNER_NOT_A_MANAGER', 'The counterpart signature must be given by a manager (dirigente)', { signerEmployeeId: signer.id });
  }
  if (signer.serviceId !== employee.serviceId) {
    throw new RuleViolation('SIGNER_NOT_MANAGER_OF_SERVICE', "The counterpart must be the manager of the employee's service", {
      signerEmployeeId: signer.id,
    });
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Both signatures carry the hash of the same signed document. */
export function assertSameDocument(recorded: string | null, given: string): void {
  if (recorded !== null && recorded !== given) {
    throw new RuleViolation('DOCUMENT_HASH_MISMATCH', 'Both parties must sign the same document: the SHA-256 differs from the one already signed', {
      expected: recorded,
      given,
    });
  }
}
