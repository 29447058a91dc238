import { AuditService } from '../../../src/audit';
import { FixedClock } from '../../../src/common/clock';
import { AppConfig } from '../../../src/config/app-config';
import { KpiTargets } from '../../../src/config/kpi-targets';
import { Certificates } from '../../../src/pki';
import { referencePoint } from '../../../src/kpi/domain/reference-date';
import { KpiRepository } from '../../../src/kpi/kpi.repository';
import { KpiService } from '../../../src/kpi/kpi.service';
import { VpnIndicatorSource } from '../../../src/kpi/vpn-indicator.source';
import { Prng } from '../../../scripts/demo/prng';
import { InventoryDriver } from '../../e2e/kpi/kpi-fixtures';
import { createActivity, createEmployee, createManager, createService, createSignedAgreement, linkActivities } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The history aggregates kept up to date as changes happen (issue 14) against a full read: a random sequence of
 * changes of every kind, made through the API as people make them (handovers, returns, agreements signed, suspended,
 * resumed and withdrawn, employees deactivated, activity links replaced, lots delivered, equipment declared), and
 * after each one the indicators the service keeps up to date must equal those of a service that reads everything
 * afresh — and the aggregate queries themselves — for the running year and the year before.
 */
describe('KPI history aggregates kept up to date as changes happen', () => {
  const clock = new FixedClock(new Date('2026-01-12T08:00:00Z'));
  let t: TestApp;
  let kpi: KpiService;
  let fresh: () => KpiService;
  let repo: KpiRepository;
  let audit: AuditService;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    kpi = t.get(KpiService);
    repo = t.get(KpiRepository);
    audit = t.get(AuditService);
    fresh = () => new KpiService(repo, t.get(VpnIndicatorSource), t.get(KpiTargets), t.get(Certificates), clock, t.get(AppConfig));
  });
  afterAll(() => t.close());

  it('equals a full read after every change, and reads only the employees a change concerns', async () => {
    const ds = t.dataSource;
    const rng = new Prng(2026);
    const pickOne = <T>(xs: T[]): T => xs[Math.floor(rng.next() * xs.length)];
    const hr = await t.tokenFor('hr');
    const inv = new InventoryDriver(t, await t.tokenFor('technician'));
    const services = [await createService(ds, { code: 'IA', name: 'Servizio A' }), await createService(ds, { code: 'IB', name: 'Servizio B' })];
    const remote = await Promise.all(services.map((s) => createActivity(ds, s, { mode: 'partially_remote' })));
    const office = await Promise.all(services.map((s) => createActivity(ds, s, { mode: 'in_presence' })));
    const managers = await Promise.all(services.map((s) => createManager(ds, s.id)));
    const people: Array<{ id: string; service: number; active: boolean; agreement: null | { id: string; state: string } }> = [];
    for (let i = 0; i < 10; i++) {
      const s = i % 2;
      const e = await createEmployee(ds, { serviceId: services[s].id });
      await linkActivities(ds, e.id, [i % 5 === 4 ? office[s].id : remote[s].id]);
      people.push({ id: e.id, service: s, active: true, agreement: null });
    }
    const models = { laptop: await inv.model('laptop'), mobile_router: await inv.model('mobile_router'), headset: await inv.model('headset') };
    const lots = {
      laptop: await inv.lot(models.laptop, 60, 70_000, '2025-11-20'),
      mobile_router: await inv.lot(models.mobile_router, 30, 9_000, '2026-01-05'),
      headset: await inv.lot(models.headset, 30, 1_500, '2026-01-05'),
    };
    const open: Array<{ handover: string; asset: string }> = [];
    const post = (url: string, body: object) => t.http().post(url).set(auth(hr)).send(body);

    const changes: Record<string, () => Promise<unknown>> = {
      handover: async () => {
        const kind = pickOne(['laptop', 'laptop', 'mobile_router', 'headset'] as const);
        const asset = await inv.asset(models[kind], lots[kind]);
        // Laptops and routers go to workers with an agreement in force (the gate refuses the others: a refused
        // request, which changes nothing but the audit log, is a change to check too).
        const workers = people.filter((p) => p.active && p.agreement?.state === 'signed');
        const to = pickOne(workers.length > 0 && rng.next() < 0.8 ? workers : people.filter((p) => p.active));
        const handover = await inv.handover(to.id, [asset]).catch((err: Error) => {
          if (/GATE_REFUSED/.test(err.message)) return null;
          throw err;
        });
        if (handover) open.push({ handover, asset });
      },
      return: async () => {
        if (open.length === 0) return;
        const [item] = open.splice(Math.floor(rng.next() * open.length), 1);
        await inv.returnLaptop(item.handover, item.asset);
      },
      sign: async () => {
        const p = people.find((x) => x.active && (!x.agreement || x.agreement.state === 'withdrawn'));
        if (!p) return;
        const body = await createSignedAgreement(t, hr, p.id, managers[p.service].id, { startDate: clock.now().toISOString().slice(0, 10) });
        p.agreement = { id: body.id, state: 'signed' };
      },
      suspend: async () => {
        const p = people.find((x) => x.agreement?.state === 'signed');
        if (!p) return;
        await post(`/api/v1/agreements/${p.agreement!.id}/suspend`, { reason: 'riorganizzazione' }).expect(200);
        p.agreement!.state = 'suspended';
      },
      resume: async () => {
        const p = people.find((x) => x.active && x.agreement?.state === 'suspended');
        if (!p) return;
        await post(`/api/v1/agreements/${p.agreement!.id}/resume`, {}).expect(200);
        p.agreement!.state = 'signed';
      },
      end: async () => {
        const p = people.find((x) => x.agreement?.state === 'signed');
        if (!p) return;
        const today = clock.now().toISOString().slice(0, 10);
        await post(`/api/v1/agreements/${p.agreement!.id}/withdraw`, {
          initiatedBy: 'employer',
          noticeDate: today,
          justifiedCause: true,
          reason: 'fine',
        }).expect(200);
        p.agreement!.state = 'withdrawn';
      },
      deactivate: async () => {
        const p = people.find((x) => x.active);
        if (!p || people.filter((x) => x.active).length < 5) return;
        const current = await t.http().get(`/api/v1/employees/${p.id}`).set(auth(t.adminToken)).expect(200);
        await t
          .http()
          .patch(`/api/v1/employees/${p.id}`)
          .set(auth(t.adminToken))
          .send({ version: current.body.version, active: false, deactivationReason: 'resigned' })
          .expect(200);
        p.active = false;
      },
      activities: async () => {
        const p = pickOne(people);
        const links = rng.next() < 0.5 ? [office[p.service].id] : [remote[p.service].id];
        await t.http().put(`/api/v1/employees/${p.id}/activities`).set(auth(hr)).send({ activityIds: links }).expect(200);
      },
      lot: async () => {
        await inv.lot(models.headset, 5, 2_000, clock.now().toISOString().slice(0, 10));
      },
      declare: async () => {
        await inv.declare(pickOne(people.filter((p) => p.active)).id, pickOne(['laptop', 'broadband'] as const));
      },
    };

    const reads = jest.spyOn(repo, 'shares');
    const comparable = async (service: KpiService, year: number) => {
      const report = await service.pola(year);
      return { indicators: report.indicators, series: await service.series(year - 1, year) };
    };
    // Warm the memo for both years, then change, compare, change, compare…
    await comparable(kpi, 2025);
    await comparable(kpi, 2026);
    const kinds = Object.keys(changes);
    const done: string[] = [];
    for (let step = 0; step < 45; step++) {
      // Minutes apart, the same day: the running year's reference date (the memo's key) stays the same.
      clock.set(new Date(clock.now().getTime() + 60_000 * (1 + Math.floor(rng.next() * 10))));
      const kind = step < kinds.length ? kinds[step] : pickOne(kinds);
      await changes[kind]();
      done.push(kind);
      for (const year of [2025, 2026]) {
        // Jobs a change enqueues (followers, the sweep) run in-process and may land between the two reads: compare
        // two reads made with the audit head unchanged.
        let kept = await comparable(kpi, year);
        let full = await comparable(fresh(), year);
        for (let again = 0; again < 5 && JSON.stringify(kept) !== JSON.stringify(full); again++) {
          await new Promise((r) => setTimeout(r, 200));
          const before = await audit.head();
          kept = await comparable(kpi, year);
          full = await comparable(fresh(), year);
          if ((await audit.head()).seq === before.seq) break;
        }
        expect({ step, kind, ...kept }).toEqual({ step, kind, ...full });
        // …and the service's figures are the aggregate queries' own.
        const ref = referencePoint(year, clock.now(), t.config.env.TIMEZONE);
        const held = await repo.holdings(ref);
        expect(kept.series.points.find((p) => p.year === year)).toMatchObject({ laptops: held.laptops, workersInForce: held.workers });
      }
    }
    expect(new Set(done)).toEqual(new Set(kinds));
    // The kept service read only a few employees after each change: partial reads, and no full read after the first ones.
    const partial = reads.mock.calls.filter(([, ids]) => ids !== undefined).length;
    expect(partial).toBeGreaterThan(40);
    reads.mockRestore();
  }, 240_000);
});
