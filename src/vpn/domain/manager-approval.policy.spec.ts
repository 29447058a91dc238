import { DomainError } from '../../common/errors/domain-error';
import { assertManagerApproved, awaitsManager, RecordedManagerDecision } from './manager-approval.policy';

const decided = (decision: 'approved' | 'refused'): RecordedManagerDecision => ({
  decision,
  decidedBy: 'employee:boss',
  decidedAt: '2026-03-10T09:00:00.000Z',
  note: null,
});

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a domain error';
  }
};

describe("the manager's step before the hot-line's approval", () => {
  it('with the step off, the hot-line approves as before, whatever is recorded', () => {
    expect(codeOf(() => assertManagerApproved(false, null))).toBeNull();
    expect(codeOf(() => assertManagerApproved(false, decided('refused')))).toBeNull();
    expect(awaitsManager(false, 'requested', null)).toBe(false);
  });

  it('with the step on, the hot-line waits for the manager, and a refusal blocks the request', () => {
    expect(codeOf(() => assertManagerApproved(true, null))).toBe('MANAGER_APPROVAL_PENDING');
    expect(codeOf(() => assertManagerApproved(true, decided('refused')))).toBe('MANAGER_APPROVAL_REFUSED');
    expect(codeOf(() => assertManagerApproved(true, decided('approved')))).toBeNull();
  });

  it('lists for the manager only the requests still waiting for their decision', () => {
    expect(awaitsManager(true, 'requested', null)).toBe(true);
    expect(awaitsManager(true, 'requested', decided('approved'))).toBe(false);
    expect(awaitsManager(true, 'approved', null)).toBe(false);
    expect(awaitsManager(true, 'revoked', null)).toBe(false);
  });
});
