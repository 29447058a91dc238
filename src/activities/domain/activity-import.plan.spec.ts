import { MapRow, activityNaturalKey } from './activity-map.parser';
import { planActivityImport } from './activity-import.plan';

const row = (line: number, name: string, mode: MapRow['mode'], serviceName = 'Sistema Informativo'): MapRow => ({
  line,
  serviceCode: 'SD',
  serviceName,
  macroActivity: 'Reti',
  name,
  mode,
  notes: null,
  naturalKey: activityNaturalKey('SD', 'Reti', name),
});

describe('planning an activity-map import', () => {
  it('a first import creates the services and activities', () => {
    const plan = planActivityImport([row(2, 'VPN', 'fully_remote'), row(3, 'Cablaggi', 'in_presence')], new Map(), []);
    expect(plan.servicesToCreate).toEqual([{ code: 'SD', name: 'Sistema Informativo' }]);
    expect(plan.creates).toHaveLength(2);
    expect(plan.unchanged).toBe(0);
  });

  it('the same file again changes nothing', () => {
    const rows = [row(2, 'VPN', 'fully_remote')];
    const plan = planActivityImport(rows, new Map([['SD', 'Sistema Informativo']]), [
      { id: 'a1', naturalKey: rows[0].naturalKey, macroActivity: 'Reti', name: 'VPN', mode: 'fully_remote', notes: null },
    ]);
    expect(plan).toEqual({ servicesToCreate: [], serviceNameDifferences: [], creates: [], updates: [], unchanged: 1 });
  });

  it('a changed mode updates the activity in place; a differently named service is reported, never renamed', () => {
    const rows = [row(2, 'VPN', 'partially_remote', 'Sistemi Informativi')];
    const plan = planActivityImport(rows, new Map([['SD', 'Sistema Informativo']]), [
      { id: 'a1', naturalKey: rows[0].naturalKey, macroActivity: 'Reti', name: 'VPN', mode: 'fully_remote', notes: null },
    ]);
    expect(plan.updates).toEqual([{ id: 'a1', row: rows[0], changed: ['mode'] }]);
    expect(plan.servicesToCreate).toEqual([]);
    expect(plan.serviceNameDifferences).toEqual([{ code: 'SD', nameInFile: 'Sistemi Informativi', nameInDirectory: 'Sistema Informativo' }]);
  });
});
