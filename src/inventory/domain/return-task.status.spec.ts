import { returnTaskStatus } from './return-task.status';

describe('return task status', () => {
  it('is open until the due date, overdue the day after, closed once back', () => {
    expect(returnTaskStatus('open', '2024-05-10', '2024-05-10')).toBe('open');
    expect(returnTaskStatus('open', '2024-05-10', '2024-05-11')).toBe('overdue');
    expect(returnTaskStatus('closed', '2024-05-10', '2024-06-01')).toBe('closed');
  });
});
