import { DirectoryPerson } from './directory-entry';
import { EmployeeSnapshot, planSync, SyncPlanInput, SyncPlanner } from './sync-plan';

let n = 0;
const newId = () => `new-${++n}`;

function person(i: number, over: Partial<DirectoryPerson> = {}): DirectoryPerson {
  return {
    key: `key-${i}`,
    dn: `uid=u${i},ou=people,dc=x`,
    username: `u${i}`,
    employeeNumber: `M${i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    email: `u${i}@x.org`,
    serviceCode: 'SD',
    profile: null,
    category: null,
    isManager: false,
    disabled: false,
    ...over,
  };
}

function synced(p: DirectoryPerson, over: Partial<EmployeeSnapshot> = {}): EmployeeSnapshot {
  return {
    id: `emp-${p.key}`,
    employeeNumber: p.employeeNumber,
    externalId: p.key,
    source: 'directory',
    username: p.username,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    serviceId: 'svc-sd',
    profile: p.profile,
    category: p.category,
    isManager: false,
    active: !p.disabled,
    deactivationReason: p.disabled ? 'disabled_in_directory' : null,
    directoryDn: p.dn,
    version: 1,
    ...over,
  };
}

function input(people: DirectoryPerson[], existing: EmployeeSnapshot[], over: Partial<SyncPlanInput> = {}): SyncPlanInput {
  return {
    people,
    problems: [],
    existing,
    serviceIdsByCode: new Map([
      ['SD', 'svc-sd'],
      ['PA', 'svc-pa'],
    ]),
    autoCreateServices: false,
    maxDeactivationShare: 0.05,
    newId,
    ...over,
  };
}

const hundred = Array.from({ length: 100 }, (_, i) => person(i));

describe('directory sync plan', () => {
  it('creates everyone on a first sync, disabled people as inactive', () => {
    const people = [...hundred.slice(0, 99), person(99, { disabled: true })];
    const plan = planSync(input(people, []));
    expect(plan.counts).toMatchObject({ created: 100, updated: 0, deactivated: 0, unchanged: 0, skipped: 0 });
    expect(plan.refusal).toBeNull();
  });

  it('changes nothing when nothing changed', () => {
    const plan = planSync(
      input(
        hundred,
        hundred.map((p) => synced(p)),
      ),
    );
    expect(plan.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 100 });
    expect(plan.updates).toEqual([]);
  });

  it('updates only the fields that differ', () => {
    const existing = hundred.map((p) => synced(p));
    const people = hundred.map((p, i) => (i === 3 ? { ...p, lastName: 'Renamed', serviceCode: 'PA' } : p));
    const plan = planSync(input(people, existing));
    expect(plan.counts.updated).toBe(1);
    expect(plan.updates[0]).toMatchObject({ id: 'emp-key-3', version: 1, changes: { lastName: 'Renamed', serviceId: 'svc-pa' } });
  });

  it('deactivates a leaver and a newly disabled person', () => {
    const existing = hundred.map((p) => synced(p));
    const people = hundred.filter((_, i) => i !== 10).map((p, i) => (i === 20 ? { ...p, disabled: true } : p));
    const plan = planSync(input(people, existing));
    expect(plan.refusal).toBeNull();
    expect(plan.counts.deactivated).toBe(2);
    const reasons = plan.updates.map((u) => [u.id, u.activity]);
    expect(reasons).toContainEqual(['emp-key-10', { active: false, reason: 'left_directory' }]);
    expect(reasons).toContainEqual(['emp-key-21', { active: false, reason: 'disabled_in_directory' }]);
  });

  it('refuses to change anything when the directory answers with nobody', () => {
    const plan = planSync(
      input(
        [],
        hundred.map((p) => synced(p)),
        { maxDeactivationShare: 1 },
      ),
    );
    expect(plan.refusal).toMatch(/returned no one/);
  });

  it('refuses a run that would deactivate more than the allowed share', () => {
    const plan = planSync(
      input(
        hundred.slice(0, 90),
        hundred.map((p) => synced(p)),
      ),
    );
    expect(plan.counts.deactivated).toBe(10);
    expect(plan.refusal).toMatch(/deactivate 10 of 100 .*10\.0%.*limit of 5\.0%/);
  });

  it('reactivates someone the directory had deactivated, but never someone HR deactivated', () => {
    const existing = hundred.map((p) => synced(p));
    existing[1] = { ...existing[1], active: false, deactivationReason: 'left_directory' };
    existing[2] = { ...existing[2], active: false, deactivationReason: 'resigned' };
    const plan = planSync(input(hundred, existing));
    expect(plan.counts).toMatchObject({ reactivated: 1, unchanged: 99 });
    expect(plan.updates[0]).toMatchObject({ id: 'emp-key-1', activity: { active: true } });
  });

  it('skips people with an unknown service (without deactivating them) unless services are auto-created', () => {
    const existing = hundred.map((p) => synced(p));
    const people = hundred.map((p, i) => (i === 5 ? { ...p, serviceCode: 'ZZ' } : p));
    const plan = planSync(input(people, existing));
    expect(plan.counts).toMatchObject({ skipped: 1, deactivated: 0 });
    expect(plan.errors[0]).toMatchObject({ field: 'serviceCode', reason: 'unknown service code ZZ' });
    const auto = planSync(input(people, existing, { autoCreateServices: true }));
    expect(auto.servicesToCreate.map((s) => s.code)).toEqual(['ZZ']);
    expect(auto.counts.updated).toBe(1);
  });

  it('adopts an employee imported from CSV with the same number and no key', () => {
    const csv = { ...synced(person(1)), id: 'csv-1', externalId: null, source: 'csv', directoryDn: null };
    const plan = planSync(input([person(1)], [csv]));
    expect(plan.creates).toEqual([]);
    expect(plan.updates[0]).toMatchObject({ id: 'csv-1', changes: { externalId: 'key-1', source: 'directory', directoryDn: person(1).dn } });
  });

  it('skips a person whose number or username belongs to another employee', () => {
    const other = { ...synced(person(1)), id: 'other', externalId: 'other-key', source: 'manual' };
    const plan = planSync(input([person(1)], [other]));
    expect(plan.counts).toMatchObject({ created: 0, skipped: 1 });
    expect(plan.errors[0].field).toBe('employeeNumber');
    const dupUser = planSync(input([person(1), person(2, { username: 'U1' })], []));
    expect(dupUser.counts).toMatchObject({ created: 1, skipped: 1 });
    expect(dupUser.errors[0].reason).toMatch(/also belongs to/);
  });
});

describe('incremental directory sync plan', () => {
  const existing = hundred.map((p) => synced(p));
  const incremental = (people: DirectoryPerson[], over: Partial<SyncPlanInput> = {}) =>
    planSync(input(people, existing, { kind: 'incremental', activeDirectoryEmployees: 100, ...over }));

  it('applies the changed entries and never takes the people it did not read for leavers', () => {
    const plan = incremental([{ ...hundred[4], lastName: 'Nuovo' }, person(200)]);
    expect(plan.counts).toMatchObject({ created: 1, updated: 1, deactivated: 0 });
    expect(plan.refusal).toBeNull();
  });

  it('reads nothing changed: no refusal for an empty answer', () => {
    const plan = incremental([]);
    expect(plan.refusal).toBeNull();
    expect(plan.updates).toEqual([]);
  });

  it('deactivates the deleted (tombstones) and the disabled', () => {
    const plan = incremental([{ ...hundred[7], disabled: true }], { deletedKeys: ['KEY-9'] });
    expect(plan.counts.deactivated).toBe(2);
    expect(plan.updates.map((u) => [u.id, u.activity])).toEqual([
      ['emp-key-7', { active: false, reason: 'disabled_in_directory' }],
      ['emp-key-9', { active: false, reason: 'left_directory' }],
    ]);
  });

  it('holds the safety limit against all active directory employees', () => {
    const deleted = hundred.slice(0, 6).map((p) => p.key);
    const plan = incremental([], { deletedKeys: deleted });
    expect(plan.counts.deactivated).toBe(6);
    expect(plan.refusal).toMatch(/deactivate 6 of 100 .*6\.0%.*limit of 5\.0%/);
  });
});

describe('directory sync plan, a page at a time (SyncPlanner)', () => {
  const existing = hundred.slice(0, 60).map((p) => synced(p));
  // a mixed read: unchanged, renamed, disabled, new, a new service, a duplicate number, an unreadable entry; 40..59 left
  const read = [
    ...hundred.slice(0, 40).map((p, i) => (i === 3 ? { ...p, lastName: 'Renamed' } : i === 7 ? { ...p, disabled: true } : p)),
    ...Array.from({ length: 30 }, (_, i) => person(300 + i, i === 4 ? { serviceCode: 'NEW' } : i === 9 ? { employeeNumber: 'M301' } : {})),
  ];
  const problems = [{ dn: 'uid=broken,ou=people,dc=x', key: 'key-broken', field: 'employeeNumber', reason: 'missing' }];
  const options = { autoCreateServices: true, maxDeactivationShare: 0.5 };
  const ids = () => {
    let k = 0;
    return () => `id-${++k}`;
  };

  it('plans over pages what planSync plans over the whole read, and hands over each page its creations', () => {
    const whole = planSync(input(read, existing, { ...options, problems, newId: ids() }));
    const planner = new SyncPlanner({ ...input([], existing, options), newId: ids() });
    const handed: string[] = [];
    const services: string[] = [];
    for (let i = 0; i < read.length; i += 25) {
      const page = planner.add(read.slice(i, i + 25), i === 50 ? problems : []);
      handed.push(...page.creates.map((c) => c.person.key));
      services.push(...page.servicesToCreate.map((s) => s.code));
    }
    const paged = planner.finish();
    expect(paged.counts).toEqual(whole.counts);
    expect(paged.counts).toMatchObject({ created: 29, updated: 1, deactivated: 21, unchanged: 38, skipped: 2 });
    expect(paged.creates).toEqual(whole.creates);
    expect(paged.updates).toEqual(whole.updates);
    expect(paged.servicesToCreate).toEqual(whole.servicesToCreate);
    expect(new Set(paged.errors)).toEqual(new Set(whole.errors));
    expect(paged.refusal).toBe(whole.refusal);
    expect(handed).toEqual(whole.creates.map((c) => c.person.key));
    expect(services).toEqual(['NEW']);
  });

  it('keeps the safety limit for the end: pages that create people still end in a refusal when too many left', () => {
    const planner = new SyncPlanner(input([], existing));
    expect(planner.add([person(500), person(501)]).creates).toHaveLength(2);
    const plan = planner.finish();
    expect(plan.counts).toMatchObject({ created: 2, deactivated: 60 });
    expect(plan.refusal).toMatch(/deactivate 60 of 60/);
  });

  it('takes nothing after it is finished', () => {
    const planner = new SyncPlanner(input([], []));
    planner.finish();
    expect(() => planner.add([person(1)])).toThrow('the plan is finished');
    expect(() => planner.finish()).toThrow('the plan is finished');
  });
});
