import { decideEligibility, LinkedActivity, remoteCapability } from './eligibility.policy';

const activity = (id: string, mode: LinkedActivity['mode']): LinkedActivity => ({ id, serviceCode: 'SD', macroActivity: 'Reti', name: `a-${id}`, mode });

describe('eligibility for remote work', () => {
  it('an employee linked to no activity is not eligible', () => {
    expect(decideEligibility([])).toEqual({ eligible: false, decidingActivities: [] });
  });

  it('activities done in presence or outsourced do not make anyone eligible', () => {
    expect(decideEligibility([activity('1', 'in_presence'), activity('2', 'outsourced')]).eligible).toBe(false);
  });

  it('one partially remote activity is enough, and it is the one that decides', () => {
    const result = decideEligibility([activity('1', 'in_presence'), activity('2', 'partially_remote')]);
    expect(result.eligible).toBe(true);
    expect(result.decidingActivities.map((a) => a.id)).toEqual(['2']);
  });

  it('every fully or partially remote activity is listed as deciding', () => {
    const result = decideEligibility([activity('1', 'fully_remote'), activity('2', 'partially_remote'), activity('3', 'outsourced')]);
    expect(result.decidingActivities.map((a) => a.id)).toEqual(['1', '2']);
  });

  it('tells fully, partially or not remote-capable people apart, "not" exactly when not eligible', () => {
    expect(remoteCapability([])).toBe('none');
    expect(remoteCapability([activity('1', 'in_presence'), activity('2', 'outsourced')])).toBe('none');
    expect(remoteCapability([activity('1', 'fully_remote'), activity('2', 'fully_remote')])).toBe('fully');
    expect(remoteCapability([activity('1', 'fully_remote'), activity('2', 'in_presence')])).toBe('partially');
    expect(remoteCapability([activity('1', 'partially_remote')])).toBe('partially');
  });
});
