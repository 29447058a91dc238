import { ownEmployeeId } from './own-employee';

describe('the employee a session acts for', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('is the id of an employee subject, whatever the case of its hex digits', () => {
    expect(ownEmployeeId(`employee:${id}`)).toBe(id);
    expect(ownEmployeeId(`employee:${id.toUpperCase()}`)).toBe(id);
  });

  it('is nobody for a token, a directory DN, a gateway or a subject with more after the id', () => {
    for (const actorId of [`token:${id}`, 'uid=mrossi,ou=people,dc=comune,dc=test', `gateway:${id}`, `employee:${id}:x`, 'employee:', `employee: ${id}`]) {
      expect(ownEmployeeId(actorId)).toBeNull();
    }
  });
});
