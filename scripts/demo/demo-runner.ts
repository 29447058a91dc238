import { INestApplicationContext } from '@nestjs/common';
import { AgreementLifecycleService } from '../../src/agreements/agreement-lifecycle.service';
import { AgreementSweepService } from '../../src/agreements/agreement-sweep.service';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { FixedClock } from '../../src/common/clock';
import { EmployeeService } from '../../src/directory/employee.service';
import { AssetIncidentsService } from '../../src/inventory/asset-incidents.service';
import { DeclaredEquipmentService } from '../../src/inventory/declared-equipment.service';
import { HandoverReturnsService } from '../../src/inventory/handover-returns.service';
import { HandoversService } from '../../src/inventory/handovers.service';
import { calendarDate } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { VpnAccountTransitionsService } from '../../src/vpn/vpn-account-transitions.service';
import { VpnAccountsService } from '../../src/vpn/vpn-accounts.service';
import { VpnBulkOnboardingService } from '../../src/vpn/vpn-bulk-onboarding.service';
import { DemoCsrFactory } from './csr';
import { planPopulation, Population } from './population';
import { loadSeedTables } from './seed-tables';
import { DemoEvent, DemoPlan, planTimeline } from './timeline';
import { planVpn, VpnPlan } from './vpn-plan';
import { DemoAgreements } from './demo-agreements';
import { createDemoPurchases } from './demo-purchases';
import { createDemoTraining } from './demo-training';
import { importDemoTransversalActivities } from './demo-transversal';
import { createDemoPolaInputs } from './demo-pola-inputs';
import { HOTLINE, HR, Log, MARK, TECH } from './demo-state';

/**
 * Replays the demo plan through the modules' services (so every record passes the same rules, audit and outbox
 * as in production), moving the clock to each event's date. Idempotent: each step first looks for what it would
 * write (employee numbers, lot order numbers, notes marked "Dati dimostrativi", agreements by employee and start
 * date) and skips it when present, so a second run writes nothing.
 */
export class DemoRunner extends DemoAgreements {
  async loadMarkers(): Promise<void> {
    await this.loadAgreements();
    for (const r of await this.query<{ id: string; notes: string }>(`SELECT id, notes FROM handovers WHERE notes LIKE $1`, [`${MARK} %`])) {
      this.handoverId.set(r.notes.slice(MARK.length + 1), r.id);
    }
    for (const r of await this.query<{ note: string }>(`SELECT note FROM declared_equipment WHERE note LIKE $1`, [`${MARK} %`])) {
      this.declared.add(r.note.slice(MARK.length + 1));
    }
  }

  async apply(e: DemoEvent, plan: DemoPlan, population: Population): Promise<void> {
    this.at(e.date);
    switch (e.type) {
      case 'lot':
        return this.createLot(e.lot);
      case 'intake':
        return this.intake(plan.lots.find((l) => l.key === e.lotKey)!);
      case 'agreement':
        return this.agreement(e, population.people);
      case 'declare': {
        if (this.declared.has(e.key)) return;
        await this.app.get(DeclaredEquipmentService).declare(HR, this.employeeId.get(e.person)!, { kind: e.what, note: `${MARK} ${e.key}` });
        this.declared.add(e.key);
        this.count('declarations');
        return;
      }
      case 'handover': {
        if (this.handoverId.has(e.key)) return;
        if (e.kinds.some((k) => k === 'laptop' || k === 'docking_station' || k === 'mobile_router')) await this.freshSafetyNotice(e.person, e.date);
        const assetIds: string[] = [];
        for (const k of e.kinds) assetIds.push(await this.nextInStock(k, assetIds));
        const created = await this.app.get(HandoversService).create(TECH, {
          employeeId: this.employeeId.get(e.person)!,
          assetIds,
          conditions: 'Nuovo, integro, con alimentatore',
          notes: `${MARK} ${e.key}`,
        });
        this.handoverId.set(e.key, created.id);
        this.count('handovers');
        return;
      }
      case 'return':
      case 'stolen': {
        const handoverId = this.handoverId.get(e.handoverKey)!;
        const item = (
          await this.query<{ asset_id: string; closed_at: string | null }>(
            `SELECT asset_id, closed_at FROM handover_items WHERE handover_id = $1 AND kind = 'laptop'`,
            [handoverId],
          )
        )[0];
        if (!item || item.closed_at) return;
        if (e.type === 'return') {
          await this.app.get(HandoverReturnsService).returnItems(TECH, handoverId, {
            items: [{ assetId: item.asset_id, condition: 'good' }],
            dataWipe: [{ assetId: item.asset_id, method: 'Cancellazione sicura NIST SP 800-88 (purge)', confirmed: true, reference: `WIPE-${e.key}` }],
          });
          this.count('returns');
        } else {
          await this.app
            .get(AssetIncidentsService)
            .report(TECH, item.asset_id, { status: 'stolen', note: 'Furto dall’auto, denunciato dal dipendente', policeReportRef: `DEN-${e.key}` });
          this.count('thefts');
        }
        return;
      }
      case 'withdraw': {
        const a = this.agreementOn(e.person, e.date);
        if (!a || a.withdrawn) return;
        await this.app.get(AgreementLifecycleService).withdraw(HR, a.id, {
          initiatedBy: e.justified ? 'employer' : 'employee',
          noticeDate: e.date,
          justifiedCause: e.justified,
          reason: e.justified ? 'Cessazione del rapporto di lavoro' : 'Recesso del dipendente con preavviso di 30 giorni',
        });
        a.withdrawn = true;
        a.end = e.justified ? addDay(e.date, -1) : addDay(e.date, 29);
        this.count('withdrawals');
        return;
      }
      case 'leave': {
        const id = this.employeeId.get(e.person)!;
        const row = (await this.query<{ active: unknown; version: unknown }>(`SELECT active, version FROM employees WHERE id = $1`, [id]))[0];
        if (!(row.active === true || Number(row.active) === 1)) return;
        await this.app
          .get(EmployeeService)
          .update(HR, id, { version: Number(row.version), active: false, deactivationReason: 'cessazione del rapporto di lavoro' });
        this.count('leavers');
        return;
      }
      case 'sweep':
        await this.app.get(AgreementSweepService).sweep(SYSTEM_ACTOR);
        return;
    }
  }

  // ------------------------------------------------------------------ VPN (dated back from today)

  private async accountOf(employeeId: string, profile: string): Promise<{ id: string; state: string } | undefined> {
    const rows = await this.query<{ id: string; state: string }>(
      `SELECT id, state FROM vpn_accounts WHERE employee_id = $1 AND profile = $2 ORDER BY created_at DESC`,
      [employeeId, profile],
    );
    return rows.find((r) => r.state !== 'revoked') ?? rows[0];
  }

  async vpnPhase(population: Population, vpn: VpnPlan): Promise<void> {
    type Step = { date: string; order: number; run: () => Promise<void> };
    const steps: Step[] = [];
    const csr = new DemoCsrFactory();
    const people = population.people;
    for (const batch of vpn.batches) {
      steps.push({
        date: batch.date,
        order: batch.profile === 'dipendenti' ? 0 : 1,
        run: async () => {
          const items = [];
          for (const person of batch.persons) {
            const employeeId = this.employeeId.get(person)!;
            if (await this.accountOf(employeeId, batch.profile)) continue;
            await this.freshSafetyNotice(person, batch.date);
            items.push({
              employeeId,
              profile: batch.profile,
              stationAssetId: await this.station(person, batch.date, people),
              csrPem: csr.csrPem(people[person - 1].username),
            });
          }
          for (let i = 0; i < items.length; i += 100) {
            const result = await this.app.get(VpnBulkOnboardingService).onboard(HOTLINE, { items: items.slice(i, i + 100), activate: true });
            this.count('VPN accounts', result.count);
          }
        },
      });
    }
    for (const r of vpn.requests) {
      steps.push({
        date: r.date,
        order: 2,
        run: async () => {
          const employeeId = this.employeeId.get(r.person)!;
          if (await this.accountOf(employeeId, 'dipendenti')) return;
          await this.app.get(VpnAccountsService).create(HOTLINE, { employeeId, profile: 'dipendenti' });
          this.count('VPN accounts');
        },
      });
    }
    for (const s of vpn.suspensions) {
      steps.push({
        date: s.date,
        order: 3,
        run: async () => {
          const account = await this.accountOf(this.employeeId.get(s.person)!, 'dipendenti');
          if (!account || account.state === 'suspended' || account.state === 'revoked') return;
          await this.app.get(VpnAccountTransitionsService).suspend(HOTLINE, account.id, { reason: 'Congedo di tre mesi: richiesta del dirigente' });
          this.count('VPN suspensions');
        },
      });
    }
    for (const d of vpn.departures) {
      steps.push({
        date: d.noticeDate,
        order: 4,
        run: () =>
          this.apply(
            { type: 'withdraw', date: d.noticeDate, key: `VX-${d.person}`, person: d.person, agreementKey: '', justified: false },
            null as never,
            population,
          ),
      });
      steps.push({
        date: d.effectiveDate,
        order: 5,
        run: async () => {
          const employeeId = this.employeeId.get(d.person)!;
          const account = await this.accountOf(employeeId, 'dipendenti');
          if (account && account.state !== 'revoked') {
            await this.app.get(VpnAccountTransitionsService).revoke(HOTLINE, account.id, { reason: 'affiliationChanged', note: 'Fine del lavoro agile' });
            this.count('VPN revocations');
          }
          const out = await this.query<{ handover_id: string; asset_id: string }>(
            `SELECT hi.handover_id, hi.asset_id FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
              WHERE h.employee_id = $1 AND hi.kind = 'laptop' AND hi.closed_at IS NULL`,
            [employeeId],
          );
          for (const item of out) {
            await this.app.get(HandoverReturnsService).returnItems(TECH, item.handover_id, {
              items: [{ assetId: item.asset_id, condition: 'good' }],
              dataWipe: [{ assetId: item.asset_id, method: 'Cancellazione sicura NIST SP 800-88 (purge)', confirmed: true, reference: `WIPE-V${d.person}` }],
            });
            this.count('returns');
          }
        },
      });
    }
    steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
    for (const step of steps) {
      this.at(step.date);
      await step.run();
      await this.drainJobs();
    }
  }

  /** The nightly agreement sweep, on the demo's last day (withdrawals taking effect). */
  async sweepOn(date: string): Promise<void> {
    this.at(date);
    await this.app.get(AgreementSweepService).sweep(SYSTEM_ACTOR);
  }

  async run(plan: DemoPlan, population: Population, progress?: (done: number, total: number) => void): Promise<void> {
    await this.loadMarkers();
    const total = plan.events.length;
    for (let i = 0; i < total; i++) {
      const t0 = performance.now();
      await this.apply(plan.events[i], plan, population);
      const type = plan.events[i].type;
      if (type === 'withdraw' || type === 'leave' || type === 'stolen' || type === 'sweep') await this.drainJobs();
      this.timing[type] = (this.timing[type] ?? 0) + (performance.now() - t0);
      if (progress && (i % 50 === 0 || i === total - 1)) progress(i + 1, total);
    }
  }
}

function addDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface DemoOptions {
  log?: Log;
  /** the real "now" the clock returns to at the end (default: the time the demo started) */
  now?: Date;
  /** run even when the database holds employees that are not demo data */
  force?: boolean;
  progress?: (done: number, total: number) => void;
}

export interface DemoResult {
  population: Population;
  plan: DemoPlan;
  written: Record<string, number>;
  seconds: number;
}

/** Builds the demo municipality in the database behind `app` (see DemoRunner). */
export async function runDemo(app: INestApplicationContext, clock: FixedClock, options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const tables = loadSeedTables();
  const population = planPopulation(tables);
  const plan = planTimeline(population);
  const runner = new DemoRunner(app, clock, log, now);
  try {
    const foreign = await runner.foreignEmployees();
    if (foreign > 0 && !options.force) {
      throw new Error(`the database already holds ${foreign} employees that are not demo data: run the demo on an empty DATA_DIR (or pass --force)`);
    }
    await runner.importActivityMap(tables);
    const transversal = await importDemoTransversalActivities(app, clock);
    if (transversal) runner.written['transversal activities'] = transversal;
    await runner.importEmployees(population);
    await runner.linkActivities(population);
    await runner.ensureModels(plan.lots);
    await runner.run(plan, population, options.progress);
    const purchases = await createDemoPurchases(app, clock, now);
    if (purchases) runner.written.purchases = purchases;
    const courses = await createDemoTraining(app, clock, now);
    if (courses) runner.written['training courses'] = courses;
    Object.assign(runner.written, await createDemoPolaInputs(app, clock, now, population));
    const today = calendarDate(now, app.get(AppConfig).env.TIMEZONE);
    await runner.vpnPhase(population, planVpn(population, plan.expected, today));
    await runner.sweepOn(today);
    await runner.drainJobs();
  } finally {
    clock.set(now);
  }
  if (process.env.DEMO_TIMING)
    log(
      `  timing (ms): ${Object.entries(runner.timing)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')}`,
    );
  return { population, plan, written: runner.written, seconds: (Date.now() - started) / 1000 };
}
