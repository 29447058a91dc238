/**
 * Keyset pagination: a page ends with the sort values of its last row, and the next page starts strictly after
 * them. Pages stay fast however deep (no OFFSET) and there is no row ceiling: a client pages until
 * `nextCursor` is null. The cursor is opaque (base64url JSON) and tied to the sort it was made for.
 */
export const EMPLOYEE_SORTS = ['name', 'employeeNumber', 'createdAt', 'updatedAt'] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** Columns of each sort, the id last so that the order is total. */
export const SORT_COLUMNS: Record<EmployeeSort, string[]> = {
  name: ['last_name', 'first_name', 'id'],
  employeeNumber: ['employee_number', 'id'],
  createdAt: ['created_at', 'id'],
  updatedAt: ['updated_at', 'id'],
};

interface CursorBody {
  s: EmployeeSort;
  o: SortOrder;
  v: string[];
}

export function encodeCursor(sort: EmployeeSort, order: SortOrder, values: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, v: values } satisfies CursorBody)).toString('base64url');
}

/** The sort values, or null when the cursor is not one we made for this sort. */
export function decodeCursor(cursor: string, sort: EmployeeSort, order: SortOrder): string[] | null {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (body.s !== sort || body.o !== order || !Array.isArray(body.v)) return null;
    if (body.v.length !== SORT_COLUMNS[sort].length || !body.v.every((x) => typeof x === 'string')) return null;
    return body.v;
  } catch {
    return null;
  }
}
