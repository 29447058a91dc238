import { groupedByEmployee } from './by-employee';

describe('groupedByEmployee', () => {
  it('reads 500 ids a query and groups the rows by employee in the order read gives them', async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => `e${i}`);
    const asked: number[] = [];
    const grouped = await groupedByEmployee(ids, async (part) => {
      asked.push(part.length);
      return part
        .filter((id) => id.endsWith('0'))
        .flatMap((employeeId) => [
          { employeeId, n: 2 },
          { employeeId, n: 1 },
        ]);
    });
    expect(asked).toEqual([500, 500, 201]);
    expect(grouped.get('e10')).toEqual([
      { employeeId: 'e10', n: 2 },
      { employeeId: 'e10', n: 1 },
    ]);
    expect(grouped.has('e11')).toBe(false);
    expect(grouped.size).toBe(121);
  });

  it('asks nothing for no ids', async () => {
    const read = jest.fn();
    expect((await groupedByEmployee([], read)).size).toBe(0);
    expect(read).not.toHaveBeenCalled();
  });
});
