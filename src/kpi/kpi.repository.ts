import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REMOTE_CAPABLE_MODES } from '../activities';
import { DISTRIBUTED_KINDS, DistributedKind, Measurements } from './domain/pola-report';
import { ReferencePoint } from './domain/reference-date';

type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

export interface Holdings {
  laptops: number;
  workers: number;
  equipped: number;
  leavers: Measurements['leavers'];
}

/**
 * Historical "in force": the agreement had both signatures before the reference moment, its period covers the
 * reference date (withdrawal and end taken into account), and it was not suspended then. Read from the dates
 * rather than the current state, so that an agreement withdrawn or expired since still counts for the years it
 * was in force. (Suspensions keep only their latest start: an agreement suspended now since before the cutoff
 * counts as suspended then.) Needs :ref (date) and :cutoff (instant). `ag` is the agreements alias.
 */
export const WAS_IN_FORCE_SQL = `ag.state <> 'draft'
  AND ag.employee_signed_at IS NOT NULL AND ag.manager_signed_at IS NOT NULL AND ag.document_sha256 IS NOT NULL
  AND ag.employee_signed_at < :cutoff AND ag.manager_signed_at < :cutoff
  AND ag.start_date <= :ref AND (ag.end_date IS NULL OR ag.end_date >= :ref)
  AND (ag.withdrawal_effective_date IS NULL OR ag.withdrawal_effective_date > :ref)
  AND (ag.ended_on IS NULL OR ag.ended_on > :ref)
  AND NOT (ag.state = 'suspended' AND ag.suspended_at IS NOT NULL AND ag.suspended_at < :cutoff)`;

/** A declaration of personal equipment standing on the reference date. `d` alias. */
const DECLARED_SQL = `d.declared_at < :cutoff AND (d.withdrawn_at IS NULL OR d.withdrawn_at >= :cutoff)`;

/** Active on the reference date: active now, or deactivated only after the cutoff. `e` alias. */
const ACTIVE_THEN_SQL = `(e.active = :yes OR (e.deactivated_at IS NOT NULL AND e.deactivated_at >= :cutoff))`;

const REMOTE_MODES = REMOTE_CAPABLE_MODES.map((m) => `'${m}'`).join(', ');

/**
 * The read side of the POLA indicators: one aggregate query per indicator over the other features' tables
 * (handovers, agreements, lots, employees, certificates, the CRL), never a row loaded into memory. Calendar
 * dates and instants are ISO strings on both databases, so comparisons and substr() need no dialect branches.
 */
@Injectable()
export class KpiRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async rows(sql: string, params: Params): Promise<Row[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return this.dataSource.query(query, values);
  }

  private async one(sql: string, params: Params): Promise<Row> {
    return (await this.rows(sql, params))[0] ?? {};
  }

  private params(ref: ReferencePoint, extra: Params = {}): Params {
    return { ref: ref.date, cutoff: ref.cutoff, yearStart: ref.yearStart, yes: true, no: false, ...extra };
  }

  /**
   * What people held on the reference date — items handed over on or before it and not returned, lost or stolen
   * before the cutoff (`closed_at` is the instant an item stopped being held) — joined to
   * the workers with an agreement in force, their standing declarations and the leavers:
   * - laptops: laptops held by workers (handovers only ever carry municipal assets — inventory refuses personal
   *   ones — and an asset is held by one person at a time, so counting items counts distinct laptops);
   * - equipped: workers with a laptop (held, or a declared personal one) and a data line (a held mobile router, or
   *   declared home broadband);
   * - leavers: employees deactivated before the cutoff; holding: those of them holding anything; assetsHeld.
   * Items still out today are read from the asset itself (holder, and `assigned_at`, the handover's instant, kept
   * by inventory in the same transaction as the item) — an index range with no join; items closed since the
   * cutoff carry their handover's date and holder (copied onto the item by inventory), so they are an index range
   * with no join too (IDX_items_held). The two sets are disjoint (open items, closed items).
   */
  async holdings(ref: ReferencePoint): Promise<Holdings> {
    const row = await this.one(
      `WITH held AS (
         SELECT x.employee_id AS employee_id,
                SUM(CASE WHEN x.kind = 'laptop' THEN 1 ELSE 0 END) AS laptops,
                MAX(CASE WHEN x.kind = 'mobile_router' THEN 1 ELSE 0 END) AS routers,
                COUNT(*) AS items
           FROM (
             SELECT a.holder_employee_id AS employee_id, a.kind AS kind
               FROM assets a
              WHERE a.state = 'assigned' AND a.assigned_at < :cutoff AND a.current_handover_id IS NOT NULL
             UNION ALL
             SELECT hi.employee_id AS employee_id, hi.kind AS kind
               FROM handover_items hi
              WHERE hi.closed_at >= :cutoff AND hi.handover_date <= :ref
           ) x
          GROUP BY x.employee_id
       ),
       workers AS (SELECT DISTINCT ag.employee_id AS employee_id FROM agreements ag WHERE ${WAS_IN_FORCE_SQL}),
       declared AS (
         SELECT d.employee_id AS employee_id,
                MAX(CASE WHEN d.kind = 'laptop' THEN 1 ELSE 0 END) AS laptop,
                MAX(CASE WHEN d.kind = 'broadband' THEN 1 ELSE 0 END) AS broadband
           FROM declared_equipment d
          WHERE ${DECLARED_SQL}
          GROUP BY d.employee_id
       ),
       gone AS (SELECT e.id AS employee_id FROM employees e WHERE e.active = :no AND e.deactivated_at IS NOT NULL AND e.deactivated_at < :cutoff)
       SELECT
         (SELECT COUNT(*) FROM workers) AS workers,
         (SELECT COALESCE(SUM(held.laptops), 0) FROM workers JOIN held ON held.employee_id = workers.employee_id) AS laptops,
         (SELECT COUNT(*) FROM workers w
            LEFT JOIN held ON held.employee_id = w.employee_id
            LEFT JOIN declared ON declared.employee_id = w.employee_id
           WHERE (COALESCE(held.laptops, 0) > 0 OR COALESCE(declared.laptop, 0) = 1)
             AND (COALESCE(held.routers, 0) = 1 OR COALESCE(declared.broadband, 0) = 1)) AS equipped,
         (SELECT COUNT(*) FROM gone) AS leavers,
         (SELECT COUNT(*) FROM gone JOIN held ON held.employee_id = gone.employee_id) AS holding,
         (SELECT COALESCE(SUM(held.items), 0) FROM gone JOIN held ON held.employee_id = gone.employee_id) AS assets_held`,
      this.params(ref),
    );
    return {
      laptops: Number(row.laptops ?? 0),
      workers: Number(row.workers ?? 0),
      equipped: Number(row.equipped ?? 0),
      leavers: { leavers: Number(row.leavers ?? 0), holding: Number(row.holding ?? 0), assetsHeld: Number(row.assets_held ?? 0) },
    };
  }

  /** Σ quantity × unit price (cents) of the lots delivered from 1 January to the reference date. */
  async investment(ref: ReferencePoint): Promise<{ cents: number; lots: number }> {
    const row = await this.one(
      `SELECT COALESCE(SUM(CAST(l.quantity AS bigint) * l.unit_price_cents), 0) AS cents, COUNT(*) AS lots
         FROM purchase_lots l
        WHERE l.delivery_date >= :yearStart AND l.delivery_date <= :ref`,
      this.params(ref),
    );
    return { cents: Number(row.cents ?? 0), lots: Number(row.lots ?? 0) };
  }

  /**
   * Laptops, webcams and headsets handed over in the year, by month and kind: the items carry their handover's
   * date (copied by inventory), so this is one index range (IDX_items_handed) with no join.
   */
  async distributedByMonth(ref: ReferencePoint): Promise<Measurements['distributed']> {
    const kinds = DISTRIBUTED_KINDS.map((k) => `'${k}'`).join(', ');
    const rows = await this.rows(
      `SELECT substr(hi.handover_date, 6, 2) AS month, hi.kind AS kind, COUNT(*) AS n
         FROM handover_items hi
        WHERE hi.handover_date >= :yearStart AND hi.handover_date <= :ref AND hi.kind IN (${kinds})
        GROUP BY substr(hi.handover_date, 6, 2), hi.kind`,
      this.params(ref),
    );
    return rows.map((r) => ({ month: Number(r.month), kind: String(r.kind) as DistributedKind, count: Number(r.n) }));
  }

  /** Per service: eligible employees active then, and employees with an agreement in force. */
  async agreementsByService(ref: ReferencePoint): Promise<{ services: Measurements['services']; eligibleTotal: number; inForceTotal: number }> {
    const params = this.params(ref);
    const [services, eligible, inForce] = await Promise.all([
      this.rows(`SELECT s.id AS id, s.code AS code, s.name AS name FROM services s ORDER BY s.code`, {}),
      this.rows(
        `SELECT e.service_id AS service_id, COUNT(DISTINCT e.id) AS n
           FROM activities act
           JOIN employee_activities ea ON ea.activity_id = act.id
           JOIN employees e ON e.id = ea.employee_id
          WHERE act.mode IN (${REMOTE_MODES}) AND ${ACTIVE_THEN_SQL}
          GROUP BY e.service_id`,
        params,
      ),
      this.rows(
        `SELECT e.service_id AS service_id, COUNT(DISTINCT ag.employee_id) AS n
           FROM agreements ag JOIN employees e ON e.id = ag.employee_id
          WHERE ${WAS_IN_FORCE_SQL}
          GROUP BY e.service_id`,
        params,
      ),
    ]);
    const count = (rows: Row[], id: unknown) => Number(rows.find((r) => r.service_id === id)?.n ?? 0);
    const list = services
      .map((s) => ({ code: String(s.code), name: String(s.name), eligible: count(eligible, s.id), inForce: count(inForce, s.id) }))
      .filter((s) => s.eligible > 0 || s.inForce > 0);
    return {
      services: list,
      eligibleTotal: eligible.reduce((sum, r) => sum + Number(r.n), 0),
      inForceTotal: inForce.reduce((sum, r) => sum + Number(r.n), 0),
    };
  }

  /** Valid certificates at the reference moment, and those of them ending within 30 days after it. */
  async certificates(at: string, until: string): Promise<{ valid: number; expiring: number }> {
    const row = await this.one(
      `SELECT COUNT(*) AS valid, COALESCE(SUM(CASE WHEN c.not_after <= :until THEN 1 ELSE 0 END), 0) AS expiring
         FROM certificates c
        WHERE c.created_at < :at AND c.not_after > :at AND (c.revoked_at IS NULL OR c.revoked_at >= :at)`,
      { at, until },
    );
    return { valid: Number(row.valid ?? 0), expiring: Number(row.expiring ?? 0) };
  }

  /** The published CRL's dates (null before the first one). */
  async crl(): Promise<{ crlNumber: number; thisUpdate: string; nextUpdate: string } | null> {
    const row = await this.one(`SELECT crl_number, this_update, next_update FROM pki_crl WHERE this_update IS NOT NULL AND next_update IS NOT NULL`, {});
    if (!row.this_update) return null;
    return { crlNumber: Number(row.crl_number), thisUpdate: String(row.this_update), nextUpdate: String(row.next_update) };
  }

  /**
   * The audit chain's head: every change the service makes writes an audit event in the same transaction, so an
   * unchanged head means unchanged data (the indicators' memo key). One row, read by primary key.
   */
  async auditHead(): Promise<number> {
    const row = await this.one(`SELECT seq FROM audit_head`, {});
    return Number(row.seq ?? 0);
  }

  /** Every VPN account by state (the present: account states keep no history). */
  async vpnAccountsByState(): Promise<{ state: string; count: number }[]> {
    const rows = await this.rows(`SELECT va.state AS state, COUNT(*) AS n FROM vpn_accounts va GROUP BY va.state`, {});
    return rows.map((r) => ({ state: String(r.state), count: Number(r.n) }));
  }
}
