/** A return task is overdue once its due date has passed and the device is still out: derived, never stored. */
export type ReturnTaskStatus = 'open' | 'overdue' | 'closed';

export function returnTaskStatus(stored: 'open' | 'closed', dueDate: string, today: string): ReturnTaskStatus {
  if (stored === 'closed') return 'closed';
  return dueDate < today ? 'overdue' : 'open';
}
