/**
 * The sorts of the employee list. Pages are keyset pages (common/http/keyset-cursor): the cursor carries the
 * values of these columns for the last row, and is tied to the sort and order it was made for.
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
