import { ChangeEvent, EmployeeShare, HistoryLedger, planChanges } from './history-ledger';

const share = (employeeId: string, over: Partial<EmployeeShare> = {}): EmployeeShare => ({
  employeeId,
  serviceId: 'svc-a',
  known: true,
  worker: false,
  eligible: false,
  leaver: false,
  laptopsHeld: 0,
  itemsHeld: 0,
  equipped: false,
  ...over,
});

const event = (entityType: string, action: string, entityId: string, summary: Record<string, unknown> = {}): ChangeEvent => ({
  occurredAt: '2026-11-27T10:00:00.000Z',
  entityType,
  action,
  entityId,
  summary,
});

/** The totals of a ledger built from scratch over `shares`: what an update must always equal. */
const fresh = (shares: EmployeeShare[]) => new HistoryLedger(shares).totals;

describe('HistoryLedger', () => {
  const start = [
    share('e1', { worker: true, eligible: true, laptopsHeld: 1, itemsHeld: 2, equipped: true }),
    share('e2', { worker: true, serviceId: 'svc-b', laptopsHeld: 2, itemsHeld: 2 }),
    share('e3', { leaver: true, itemsHeld: 3, serviceId: null }),
    share('e4', { eligible: true, serviceId: 'svc-b' }),
    share('e5', { worker: true, known: false, serviceId: null, laptopsHeld: 1, itemsHeld: 1 }),
  ];

  it('sums the shares as the aggregate queries do', () => {
    const t = fresh(start);
    expect(t).toMatchObject({ workers: 3, laptops: 4, equipped: 1, leavers: 1, holding: 1, assetsHeld: 3, eligibleTotal: 2, inForceTotal: 2 });
    expect(Object.fromEntries(t.eligibleByService)).toEqual({ 'svc-a': 1, 'svc-b': 1 });
    // e5 has an agreement but no employee row: a worker, in no service and not in the in-force-by-service count.
    expect(Object.fromEntries(t.inForceByService)).toEqual({ 'svc-a': 1, 'svc-b': 1 });
  });

  it('replaces the shares of the employees read again, and equals a ledger built afresh', () => {
    const ledger = new HistoryLedger(start);
    // e1 returned a laptop, e2 left for svc-a, e3 reactivated (no longer a leaver, contributes nothing), e6 is new.
    const changed = [
      share('e1', { worker: true, eligible: true, laptopsHeld: 0, itemsHeld: 1, equipped: false }),
      share('e2', { worker: true, serviceId: 'svc-a', laptopsHeld: 2, itemsHeld: 2 }),
      share('e6', { leaver: true, itemsHeld: 0 }),
    ];
    ledger.replace(['e1', 'e2', 'e3', 'e6'], changed);
    expect(ledger.totals).toEqual(fresh([...changed, start[3], start[4]]));
    expect(ledger.totals.eligibleByService.get('svc-b')).toBe(1);
    expect(ledger.totals.leavers).toBe(1);
    expect(ledger.totals.holding).toBe(0);
    expect(ledger.size).toBe(5);
  });

  it('is the same after any sequence of random replacements as a ledger built from the final shares', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const randomShare = (id: string) =>
      share(id, {
        serviceId: ['svc-a', 'svc-b', null][rand(3)],
        known: rand(5) > 0,
        worker: rand(2) === 1,
        eligible: rand(2) === 1,
        leaver: rand(4) === 0,
        laptopsHeld: rand(3),
        itemsHeld: rand(4),
        equipped: rand(2) === 1,
      });
    const current = new Map<string, EmployeeShare>();
    const ids = Array.from({ length: 30 }, (_, i) => `e${i}`);
    for (const id of ids) current.set(id, randomShare(id));
    const ledger = new HistoryLedger(current.values());
    for (let step = 0; step < 200; step++) {
      const touched = Array.from({ length: 1 + rand(4) }, () => ids[rand(ids.length)]);
      const read = [...new Set(touched)].map(randomShare);
      for (const id of touched) current.delete(id);
      for (const s of read) current.set(s.employeeId, s);
      ledger.replace(touched, read);
      expect(ledger.totals).toEqual(fresh([...current.values()]));
    }
  });
});

describe('planChanges', () => {
  it('maps each kind of change to the employees it concerns', () => {
    const plan = planChanges(
      [
        event('employee', 'employee.deactivated', 'e1'),
        event('employee', 'employee.activities_replace', 'e2'),
        event('employee', 'equipment.declared', 'e3'),
        event('handover', 'handover.created', 'h1', { employeeId: 'e4' }),
        event('handover', 'handover.returned', 'h2', { returnId: 'r1' }),
        event('agreement', 'agreement.create', 'a1', { employeeId: 'e5' }),
        event('agreement', 'agreement.suspend', 'a2'),
        event('asset', 'asset.lost', 's1', { holderEmployeeId: 'e6' }),
        event('asset', 'asset.back_in_stock', 's2', { holderEmployeeId: null }),
      ],
      100,
    );
    expect(plan).toEqual({
      kind: 'update',
      employees: new Set(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']),
      handovers: new Set(['h2']),
      agreements: new Set(['a2']),
      handedOverAt: ['2026-11-27T10:00:00.000Z'],
      lots: false,
      services: false,
    });
  });

  it('needs no employee for lots, services, new assets, refusals, signatures, tokens or VPN changes', () => {
    const plan = planChanges(
      [
        event('purchase_lot', 'lot.created', 'l1'),
        event('purchase_lot', 'assets.imported', 'l1'),
        event('asset', 'asset.created', 's1', { kind: 'laptop' }),
        event('employee', 'handover.refused', 'e1'),
        event('handover', 'handover.signed', 'h1'),
        event('api_token', 'token.created', 't1'),
        event('vpn-account', 'vpn.account.suspended', 'v1'),
        event('service', 'service.created', 'svc1'),
      ],
      100,
    );
    expect(plan).toEqual({ kind: 'update', employees: new Set(), handovers: new Set(), agreements: new Set(), handedOverAt: [], lots: true, services: true });
    expect(planChanges([event('employee', 'employee.updated', 'e1')], 100)).toMatchObject({ lots: false, services: false });
  });

  it('asks for a full read for changes it cannot map to employees', () => {
    for (const e of [
      event('activity_map', 'activities.imported', 'm1'),
      event('employee_import', 'employees.imported', 'i1'),
      event('directory_sync_run', 'directory.synced', 'r1'),
      event('offboarding_case', 'offboarding.step_done', 'c1'),
      event('asset', 'asset.moved', 's1'),
      event('something_new', 'something.done', 'x1'),
    ]) {
      expect(planChanges([event('employee', 'employee.updated', 'e1'), e], 100)).toMatchObject({ kind: 'rebuild' });
    }
  });

  it('asks for a full read when more employees are touched than reading them one by one is worth', () => {
    const many = Array.from({ length: 11 }, (_, i) => event('employee', 'employee.updated', `e${i}`));
    expect(planChanges(many.slice(0, 10), 10)).toMatchObject({ kind: 'update' });
    expect(planChanges(many, 10)).toEqual({ kind: 'rebuild', reason: 'too many employees touched' });
  });
});
