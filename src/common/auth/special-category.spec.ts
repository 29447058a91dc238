import { ROLES, SYSTEM_ACTOR } from './roles';
import { readsSpecialCategory } from './special-category';

describe('special-category data (GDPR art. 9)', () => {
  it('is for HR and admins only: every other role, and the service itself, reads without it', () => {
    expect(ROLES.filter((role) => readsSpecialCategory({ role }))).toEqual(['admin', 'hr']);
    expect(readsSpecialCategory(SYSTEM_ACTOR)).toBe(false);
  });
});
