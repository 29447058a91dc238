import { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivityImportService } from '../../src/activities/activity-import.service';
import { EligibilityService } from '../../src/activities/eligibility.service';
import { AgreementLifecycleService } from '../../src/agreements/agreement-lifecycle.service';
import { AgreementSigningService } from '../../src/agreements/agreement-signing.service';
import { AgreementSweepService } from '../../src/agreements/agreement-sweep.service';
import { AgreementsService } from '../../src/agreements/agreements.service';
import { safetyNoticeStatus } from '../../src/agreements/domain/safety-notice.policy';
import { Actor, SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { FixedClock } from '../../src/common/clock';
import { EmployeeImportService } from '../../src/directory/employee-import.service';
import { EmployeeService } from '../../src/directory/employee.service';
import { AssetIncidentsService } from '../../src/inventory/asset-incidents.service';
import { AssetIntakeService } from '../../src/inventory/asset-intake.service';
import { DeclaredEquipmentService } from '../../src/inventory/declared-equipment.service';
import { DeviceModelsService } from '../../src/inventory/device-models.service';
import { HandoverReturnsService } from '../../src/inventory/handover-returns.service';
import { HandoversService } from '../../src/inventory/handovers.service';
import { PurchaseLotsService } from '../../src/inventory/purchase-lots.service';
import { calendarDate } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { JobQueue } from '../../src/jobs/job-queue';
import { OutboxRelay } from '../../src/jobs/outbox/outbox.relay';
import { VpnAccountTransitionsService } from '../../src/vpn/vpn-account-transitions.service';
import { VpnAccountsService } from '../../src/vpn/vpn-accounts.service';
import { VpnBulkOnboardingService } from '../../src/vpn/vpn-bulk-onboarding.service';
import { DemoCsrFactory } from './csr';
import { employeeCsv, planPopulation, Population } from './population';
import { loadSeedTables, SeedTables } from './seed-tables';
import { DemoEvent, DemoPlan, ItemKind, LotPlan, planTimeline } from './timeline';
import { planVpn, VpnPlan } from './vpn-plan';

export const HR: Actor = { id: 'demo-hr', name: 'Ufficio Personale (dati dimostrativi)', role: 'hr' };
export const TECH: Actor = { id: 'demo-tech', name: 'Sistema Informativo (dati dimostrativi)', role: 'technician' };
export const HOTLINE: Actor = { id: 'demo-hotline', name: 'Hot-line VPN (dati dimostrativi)', role: 'hotline' };
/** The second person: flags the dirigenti and confirms the countersignatures HR records from paper. */
export const ADMIN: Actor = { id: 'demo-admin', name: 'Amministratore di sistema (dati dimostrativi)', role: 'admin' };
/** Notes and references of demo records start with this, so a second run finds what the first one wrote. */
export const MARK = 'Dati dimostrativi';

export type Log = (line: string) => void;

interface AgreementRow {
  id: string;
  start: string;
  end: string | null;
  safetyNotice: string | null;
  withdrawn: boolean;
}

/** SHA-256 of a short text: stands for the signed agreement document's hash. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A Luhn-valid ICCID (89 39 …) for the n-th SIM of the demo. */
export function iccid(n: number): string {
  const body = `8939100${String(n).padStart(11, '0')}`;
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let x = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/**
 * Replays the demo plan through the modules' services (so every record passes the same rules, audit and outbox
 * as in production), moving the clock to each event's date. Idempotent: each step first looks for what it would
 * write (employee numbers, lot order numbers, notes marked "Dati dimostrativi", agreements by employee and start
 * date) and skips it when present, so a second run writes nothing.
 */
export class DemoRunner {
  private readonly ds: DataSource;
  private readonly employeeId = new Map<number, string>();
  private readonly personOf = new Map<string, number>();
  private readonly managerOf = new Map<string, string>();
  private directorGeneralId = '';
  private readonly agreementsOf = new Map<number, AgreementRow[]>();
  private readonly handoverId = new Map<string, string>();
  private readonly declared = new Set<string>();
  private readonly lotId = new Map<string, string>();
  private tick = 0;
  readonly written: Record<string, number> = {};
  /** milliseconds spent per kind of event (printed with DEMO_TIMING=1) */
  readonly timing: Record<string, number> = {};

  constructor(
    private readonly app: INestApplicationContext,
    private readonly clock: FixedClock,
    private readonly log: Log,
    /** the real "now": the clock never goes past it */
    private readonly now: Date = new Date(),
  ) {
    this.ds = app.get(DataSource);
  }

  private workersStarted = false;

  /**
   * Runs the work the last changes recorded (offboarding of an ended agreement or a leaver, a stolen laptop's
   * certificates, VPN group membership) now, while the clock still shows their day — as the service's workers
   * would have then. Left in the outbox, they would run at the next start against today's data (and, say,
   * suspend the VPN account of someone whose 2020 agreement expired but who has had a new one since).
   */
  async drainJobs(): Promise<void> {
    const queue = this.app.get(JobQueue);
    await this.app.get(OutboxRelay).relayAll();
    if (!this.app.get(AppConfig).env.RUN_WORKERS && !this.workersStarted) {
      await queue.start();
      this.workersStarted = true;
    }
    await queue.drain(180_000);
  }

  private count(what: string, n = 1): void {
    this.written[what] = (this.written[what] ?? 0) + n;
  }

  /** The clock at the event's date, 09:00 in Rome give or take, a second later for each event that day. */
  private at(date: string): void {
    this.tick += 1;
    const instant = Date.parse(`${date}T08:00:00.000Z`) + (this.tick % 3600) * 1000;
    // Never past the real "now" (the demo's last day is today).
    this.clock.set(new Date(Math.min(instant, this.now.getTime() - 60_000 + (this.tick % 60) * 1000)));
  }

  private async scalar(sql: string, params: unknown[] = []): Promise<number> {
    const rows: Record<string, unknown>[] = await this.ds.query(this.sql(sql), params);
    return Number(Object.values(rows[0] ?? { n: 0 })[0] ?? 0);
  }

  /** `$1`-style placeholders on PostgreSQL, `?` on SQLite. */
  private sql(text: string): string {
    return this.ds.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?');
  }

  private async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.ds.query(this.sql(sql), params);
  }

  // ------------------------------------------------------------------ people and activities

  async foreignEmployees(): Promise<number> {
    return this.scalar(`SELECT COUNT(*) AS n FROM employees WHERE employee_number NOT LIKE 'DEMO-%'`);
  }

  async importActivityMap(tables: SeedTables): Promise<void> {
    const activities = this.app.get(ActivityImportService);
    const dry = await activities.import(SYSTEM_ACTOR, tables.activityMapTsv, true);
    if (dry.created === 0 && dry.updated === 0) return;
    this.at('2020-01-07');
    const report = await activities.import(HR, tables.activityMapTsv, false);
    this.count('activities', report.created + report.updated);
    this.log(`  activity map: ${report.rows} rows, ${report.created} created, ${report.servicesCreated.length} services created`);
  }

  async importEmployees(population: Population): Promise<void> {
    const imports = this.app.get(EmployeeImportService);
    const csv = employeeCsv(population.people);
    // The file flags the dirigenti and the Direttore Generale: signing authority is the admin's to grant.
    const dry = await imports.import(ADMIN, csv, true);
    if (!dry.valid) throw new Error(`the demo employee file is refused: ${JSON.stringify(dry.errors.slice(0, 3))}`);
    if (dry.created > 0 || dry.updated > 0) {
      this.at('2020-01-07');
      const report = await imports.import(ADMIN, csv, false);
      this.count('employees', report.created + report.updated);
      this.log(`  employees: ${report.created} created, ${report.updated} updated`);
    }
    const rows = await this.query<{ id: string; employee_number: string; service_id: string; is_manager: unknown; is_director_general: unknown }>(
      `SELECT id, employee_number, service_id, is_manager, is_director_general FROM employees WHERE employee_number LIKE 'DEMO-%'`,
    );
    for (const r of rows) {
      const index = Number(r.employee_number.slice(5));
      this.employeeId.set(index, r.id);
      this.personOf.set(r.id, index);
      const dg = r.is_director_general === true || Number(r.is_director_general) === 1;
      if (dg) this.directorGeneralId = r.id;
      else if (r.is_manager === true || Number(r.is_manager) === 1) this.managerOf.set(r.service_id, r.id);
    }
  }

  async linkActivities(population: Population): Promise<void> {
    const activities = await this.query<{ id: string; service_code: string; mode: string }>(`SELECT id, service_code, mode FROM activities ORDER BY service_code, natural_key`);
    const byService = new Map<string, { remote: string[]; presence: string[]; outsourced: string[] }>();
    for (const a of activities) {
      const s = byService.get(a.service_code) ?? { remote: [], presence: [], outsourced: [] };
      if (a.mode === 'fully_remote' || a.mode === 'partially_remote') s.remote.push(a.id);
      else if (a.mode === 'in_presence') s.presence.push(a.id);
      else s.outsourced.push(a.id);
      byService.set(a.service_code, s);
    }
    const linked = new Set((await this.query<{ employee_id: string }>(`SELECT DISTINCT employee_id FROM employee_activities`)).map((r) => r.employee_id));
    const eligibility = this.app.get(EligibilityService);
    let done = 0;
    this.at('2020-01-08');
    for (const p of population.people) {
      const id = this.employeeId.get(p.index)!;
      if (linked.has(id)) continue;
      const s = byService.get(p.serviceCode)!;
      const others = s.presence.length ? s.presence : s.outsourced;
      const ids = [...p.remoteActivities.map((i) => s.remote[i]), ...p.otherActivities.map((i) => others[i])].filter(Boolean);
      if (!ids.length) continue;
      await eligibility.replaceLinks(HR, id, ids);
      done++;
    }
    if (done) {
      this.count('activity links', done);
      this.log(`  activity links: ${done} employees linked`);
    }
  }

  // ------------------------------------------------------------------ inventory

  private readonly modelId = new Map<string, string>();

  async ensureModels(lots: LotPlan[]): Promise<void> {
    const models = this.app.get(DeviceModelsService);
    const existing = await models.list();
    for (const m of existing) this.modelId.set(`${m.manufacturer}|${m.model}`, m.id);
    for (const l of lots) {
      const key = `${l.manufacturer}|${l.model}`;
      if (this.modelId.has(key)) continue;
      this.at(l.orderDate);
      const created = await models.create(TECH, { kind: l.kind, manufacturer: l.manufacturer, model: l.model, specs: { fonte: MARK } });
      this.modelId.set(key, created.id);
      this.count('device models');
    }
    for (const r of await this.query<{ id: string; order_number: string }>(`SELECT id, order_number FROM purchase_lots WHERE order_number LIKE 'DEMO-ODA-%'`)) {
      this.lotId.set(r.order_number.slice('DEMO-ODA-'.length), r.id);
    }
  }

  private async createLot(lot: LotPlan): Promise<void> {
    if (this.lotId.has(lot.key)) return;
    const created = await this.app.get(PurchaseLotsService).create(TECH, {
      modelId: this.modelId.get(`${lot.manufacturer}|${lot.model}`)!,
      supplier: lot.supplier,
      consipConvention: lot.consipConvention ?? undefined,
      consipLot: lot.consipLot ?? undefined,
      cig: lot.cig,
      orderNumber: lot.orderNumber,
      orderDate: lot.orderDate,
      deliveryDate: lot.deliveryDate,
      quantity: lot.quantity,
      unitPriceCents: lot.unitPriceCents,
      warrantyMonths: lot.warrantyMonths,
      notes: `${MARK}: lotto ${lot.key}`,
    });
    this.lotId.set(lot.key, created.lot.id);
    this.count('purchase lots');
  }

  private async intake(lot: LotPlan): Promise<void> {
    const id = this.lotId.get(lot.key)!;
    const received = await this.scalar(`SELECT received_count AS n FROM purchase_lots WHERE id = $1`, [id]);
    const prefix = lot.key.replace('-', '');
    if (received >= lot.quantity) return;
    const header = lot.kind === 'mobile_router' ? 'serial,iccid,phone_number,data_plan,location' : 'serial,location';
    const lines = [header];
    for (let i = 1; i <= lot.quantity; i++) {
      const serial = `${prefix}${String(i).padStart(4, '0')}`;
      if (lot.kind === 'mobile_router') {
        const n = Number(lot.key.slice(0, 4)) * 1000 + i;
        lines.push(`${serial},${iccid(n)},+39333${String(n).padStart(7, '0')},TIM Business 100 GB,Magazzino SI`);
      } else lines.push(`${serial},Magazzino Sistema Informativo`);
    }
    await this.app.get(AssetIntakeService).import(TECH, id, lines.join('\n'), false);
    this.count('assets', lot.quantity);
  }

  /** The shelf's first asset of a kind (lowest tag): the same choice on every run. */
  private async nextInStock(kind: ItemKind, skip: string[]): Promise<string> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM assets WHERE kind = $1 AND state = 'in_stock' AND ownership = 'municipal' ORDER BY asset_tag LIMIT ${skip.length + 1}`,
      [kind],
    );
    const found = rows.find((r) => !skip.includes(r.id));
    if (!found) throw new Error(`demo: no ${kind} in stock on ${this.clock.now().toISOString().slice(0, 10)}`);
    return found.id;
  }

  // ------------------------------------------------------------------ agreements

  private async loadAgreements(): Promise<void> {
    const rows = await this.query<{ id: string; employee_id: string; start_date: string; end_date: string | null; safety_notice_delivered_on: string | null; withdrawal_effective_date: string | null }>(
      `SELECT id, employee_id, start_date, end_date, safety_notice_delivered_on, withdrawal_effective_date FROM agreements ORDER BY start_date`,
    );
    for (const r of rows) {
      const person = this.personOf.get(r.employee_id);
      if (!person) continue;
      const list = this.agreementsOf.get(person) ?? [];
      list.push({ id: r.id, start: r.start_date, end: r.end_date, safetyNotice: r.safety_notice_delivered_on, withdrawn: r.withdrawal_effective_date !== null });
      this.agreementsOf.set(person, list);
    }
  }

  private async agreement(e: Extract<DemoEvent, { type: 'agreement' }>, people: Population['people']): Promise<void> {
    if ((this.agreementsOf.get(e.person) ?? []).some((a) => a.start === e.startDate)) return;
    const p = people[e.person - 1];
    const employeeId = this.employeeId.get(e.person)!;
    const serviceId = (await this.query<{ service_id: string }>(`SELECT service_id FROM employees WHERE id = $1`, [employeeId]))[0].service_id;
    const manager = this.managerOf.get(serviceId);
    const signer = p.isManager || !manager || manager === employeeId ? this.directorGeneralId : manager;
    const records = this.app.get(AgreementsService);
    const signing = this.app.get(AgreementSigningService);
    const created = await records.create(HR, {
      employeeId,
      startDate: e.startDate,
      endDate: e.endDate ?? undefined,
      remoteDaysPerWeek: e.remoteDays,
      places: ['domicilio del dipendente'],
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità, nei giorni festivi e durante le ferie.',
      toolsProvided: ['PC portatile', 'accesso VPN', 'cuffie con microfono'],
      objectives: `Obiettivi del servizio concordati con il dirigente (${MARK} ${e.key}).`,
      resultsMonitoring: 'Resoconto mensile delle attività svolte al dirigente.',
      safetyNoticeDeliveredOn: e.startDate,
    });
    const hash = sha256(`accordo ${e.key} ${p.employeeNumber}`);
    // HR records both signatures from the signed paper; the admin, a second person, confirms the countersignature.
    await signing.sign(HR, created.id, { party: 'employee', signerEmployeeId: employeeId, documentSha256: hash });
    await signing.sign(HR, created.id, { party: 'manager', signerEmployeeId: signer, documentSha256: hash, documentReference: `${MARK}: accordo ${e.key}` });
    await signing.confirmCountersignature(ADMIN, created.id, { note: `${MARK}: originale cartaceo verificato` });
    const list = this.agreementsOf.get(e.person) ?? [];
    list.push({ id: created.id, start: e.startDate, end: e.endDate, safetyNotice: e.startDate, withdrawn: false });
    this.agreementsOf.set(e.person, list);
    this.count('agreements');
  }

  private agreementOn(person: number, date: string): AgreementRow | undefined {
    return (this.agreementsOf.get(person) ?? []).filter((a) => a.start <= date && (a.end === null || date <= a.end)).at(-1);
  }

  /** The gate wants a safety notice less than 12 months old: re-deliver it when due (as HR does every year). */
  private async freshSafetyNotice(person: number, date: string): Promise<void> {
    const a = this.agreementOn(person, date);
    if (!a) return;
    if (safetyNoticeStatus(a.safetyNotice, date).status === 'valid') return;
    await this.app.get(AgreementLifecycleService).recordSafetyNotice(HR, a.id, { deliveredOn: date });
    a.safetyNotice = date;
    this.count('safety notices');
  }

  // ------------------------------------------------------------------ the timeline

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
        const item = (await this.query<{ asset_id: string; closed_at: string | null }>(`SELECT asset_id, closed_at FROM handover_items WHERE handover_id = $1 AND kind = 'laptop'`, [handoverId]))[0];
        if (!item || item.closed_at) return;
        if (e.type === 'return') {
          await this.app.get(HandoverReturnsService).returnItems(TECH, handoverId, {
            items: [{ assetId: item.asset_id, condition: 'good' }],
            dataWipe: [{ assetId: item.asset_id, method: 'Cancellazione sicura NIST SP 800-88 (purge)', confirmed: true, reference: `WIPE-${e.key}` }],
          });
          this.count('returns');
        } else {
          await this.app.get(AssetIncidentsService).report(TECH, item.asset_id, { status: 'stolen', note: 'Furto dall’auto, denunciato dal dipendente', policeReportRef: `DEN-${e.key}` });
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
        await this.app.get(EmployeeService).update(HR, id, { version: Number(row.version), active: false, deactivationReason: 'cessazione del rapporto di lavoro' });
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

  private personalModel = '';

  /** The laptop a certificate binds to: the municipal one held, or the personal one, registered now if needed. */
  private async station(person: number, date: string, people: Population['people']): Promise<string> {
    const employeeId = this.employeeId.get(person)!;
    const held = await this.query<{ id: string }>(
      `SELECT id FROM assets WHERE holder_employee_id = $1 AND kind = 'laptop' AND state = 'assigned' ORDER BY ownership, asset_tag`,
      [employeeId],
    );
    if (held.length) return held[0].id;
    if (!this.personalModel) {
      const key = 'Vari|PC portatile personale';
      if (!this.modelId.has(key)) {
        const created = await this.app.get(DeviceModelsService).create(TECH, { kind: 'laptop', manufacturer: 'Vari', model: 'PC portatile personale', specs: { fonte: MARK } });
        this.modelId.set(key, created.id);
        this.count('device models');
      }
      this.personalModel = this.modelId.get(key)!;
    }
    const declared = await this.app.get(DeclaredEquipmentService).declare(HR, employeeId, {
      kind: 'laptop',
      note: `${MARK} PL-${people[person - 1].employeeNumber}: portatile personale registrato per il certificato VPN`,
      serial: `PERS-${people[person - 1].employeeNumber}`,
      modelId: this.personalModel,
    });
    this.count('personal laptops registered');
    return declared.assetId!;
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
            items.push({ employeeId, profile: batch.profile, stationAssetId: await this.station(person, batch.date, people), csrPem: csr.csrPem(people[person - 1].username) });
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
        run: () => this.apply({ type: 'withdraw', date: d.noticeDate, key: `VX-${d.person}`, person: d.person, agreementKey: '', justified: false }, null as never, population),
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
    await runner.importEmployees(population);
    await runner.linkActivities(population);
    await runner.ensureModels(plan.lots);
    await runner.run(plan, population, options.progress);
    const today = calendarDate(now, app.get(AppConfig).env.TIMEZONE);
    await runner.vpnPhase(population, planVpn(population, plan.expected, today));
    await runner.sweepOn(today);
    await runner.drainJobs();
  } finally {
    clock.set(now);
  }
  if (process.env.DEMO_TIMING) log(`  timing (ms): ${Object.entries(runner.timing).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  return { population, plan, written: runner.written, seconds: (Date.now() - started) / 1000 };
}
