import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { remoteCapableLinksSql } from '../activities';
import { agreementEmployeesSql, employeesWithAgreementInForceSql } from '../agreements';
import { AuditChange, AuditService } from '../audit';
import { employeesActiveAtSql, employeeServicesSql, leaversAtSql, servicesSql } from '../directory';
import { handoverEmployeesSql, heldItemsSql, itemsHandedOverSql, lotsDeliveredSql, standingDeclarationsSql } from '../inventory';
import { validCertificatesSql } from '../pki';
import { EmployeeShare } from './history-ledger';
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
 * The read side of the POLA indicators: one aggregate query per indicator, never a row loaded into memory. It names
 * no other feature's table: each query composes the SELECTs the owning features publish beside the rule they mirror
 * (agreements' `wasInForce`, inventory's holdings, the directory's employee standing, activities' remote-capable
 * modes, the PKI's certificate validity), each held to its TypeScript rule by a test on SQLite and PostgreSQL
 * (test/integration/<feature>/*-sql.spec.ts); what it adds is only the counting. test/repo/table-ownership.spec.ts
 * fails if a table name creeps back in. Calendar dates and instants
 * are ISO strings on both databases, so comparisons and substr() need no dialect branches.
 */
@Injectable()
export class KpiRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

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
           FROM (${heldItemsSql('ref', 'cutoff')}) x
          GROUP BY x.employee_id
       ),
       workers AS (${employeesWithAgreementInForceSql('ref', 'cutoff')}),
       declared AS (
         SELECT d.employee_id AS employee_id,
                MAX(CASE WHEN d.kind = 'laptop' THEN 1 ELSE 0 END) AS laptop,
                MAX(CASE WHEN d.kind = 'broadband' THEN 1 ELSE 0 END) AS broadband
           FROM (${standingDeclarationsSql('cutoff')}) d
          GROUP BY d.employee_id
       ),
       gone AS (${leaversAtSql('cutoff', 'no')})
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
         FROM (${lotsDeliveredSql('yearStart', 'ref')}) l`,
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
         FROM (${itemsHandedOverSql('yearStart', 'ref')}) hi
        WHERE hi.kind IN (${kinds})
        GROUP BY substr(hi.handover_date, 6, 2), hi.kind`,
      this.params(ref),
    );
    return rows.map((r) => ({ month: Number(r.month), kind: String(r.kind) as DistributedKind, count: Number(r.n) }));
  }

  /** Per service: eligible employees active then, and employees with an agreement in force. */
  async agreementsByService(ref: ReferencePoint): Promise<{ services: Measurements['services']; eligibleTotal: number; inForceTotal: number }> {
    const params = this.params(ref);
    const [services, eligible, inForce] = await Promise.all([
      this.rows(`SELECT s.id AS id, s.code AS code, s.name AS name FROM (${servicesSql()}) s ORDER BY s.code`, {}),
      this.rows(
        `SELECT e.service_id AS service_id, COUNT(DISTINCT e.employee_id) AS n
           FROM (${employeesActiveAtSql('cutoff', 'yes')}) e
          WHERE e.employee_id IN (${remoteCapableLinksSql()})
          GROUP BY e.service_id`,
        params,
      ),
      this.rows(
        `SELECT e.service_id AS service_id, COUNT(*) AS n
           FROM (${employeesWithAgreementInForceSql('ref', 'cutoff')}) w
           JOIN (${employeeServicesSql()}) e ON e.employee_id = w.employee_id
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

  /**
   * What each employee contributes to holdings and to agreements vs eligible (HistoryLedger sums them): one row per
   * employee who is a worker (agreement in force), a leaver or eligible on the reference date — the same fragments
   * and the same tests as `holdings()` and `agreementsByService()`, grouped by employee instead of summed. With
   * `employeeIds`, only those employees (each CTE filtered by the index on its employee column): what the ledger
   * reads again after a change.
   */
  async shares(ref: ReferencePoint, employeeIds?: readonly string[]): Promise<EmployeeShare[]> {
    if (employeeIds && employeeIds.length === 0) return [];
    const only = (column: string, joiner = 'WHERE') => (employeeIds ? ` ${joiner} ${column} IN (:...ids)` : '');
    const rows = await this.rows(
      `WITH held AS (
         SELECT x.employee_id AS employee_id,
                SUM(CASE WHEN x.kind = 'laptop' THEN 1 ELSE 0 END) AS laptops,
                MAX(CASE WHEN x.kind = 'mobile_router' THEN 1 ELSE 0 END) AS routers,
                COUNT(*) AS items
           FROM (${heldItemsSql('ref', 'cutoff')}) x${only('x.employee_id')}
          GROUP BY x.employee_id
       ),
       workers AS (SELECT w.employee_id AS employee_id FROM (${employeesWithAgreementInForceSql('ref', 'cutoff')}) w${only('w.employee_id')}),
       declared AS (
         SELECT d.employee_id AS employee_id,
                MAX(CASE WHEN d.kind = 'laptop' THEN 1 ELSE 0 END) AS laptop,
                MAX(CASE WHEN d.kind = 'broadband' THEN 1 ELSE 0 END) AS broadband
           FROM (${standingDeclarationsSql('cutoff')}) d${only('d.employee_id')}
          GROUP BY d.employee_id
       ),
       gone AS (SELECT g.employee_id AS employee_id FROM (${leaversAtSql('cutoff', 'no')}) g${only('g.employee_id')}),
       eligible AS (
         SELECT DISTINCT e.employee_id AS employee_id
           FROM (${employeesActiveAtSql('cutoff', 'yes')}) e
          WHERE e.employee_id IN (SELECT r.employee_id FROM (${remoteCapableLinksSql()}) r${only('r.employee_id')})${only('e.employee_id', 'AND')}
       ),
       people AS (SELECT employee_id FROM workers UNION SELECT employee_id FROM gone UNION SELECT employee_id FROM eligible)
       SELECT p.employee_id AS employee_id, s.employee_id AS known, s.service_id AS service_id,
              w.employee_id AS worker, el.employee_id AS eligible, g.employee_id AS leaver,
              COALESCE(h.laptops, 0) AS laptops, COALESCE(h.items, 0) AS items,
              CASE WHEN (COALESCE(h.laptops, 0) > 0 OR COALESCE(dc.laptop, 0) = 1)
                    AND (COALESCE(h.routers, 0) = 1 OR COALESCE(dc.broadband, 0) = 1) THEN 1 ELSE 0 END AS equipped
         FROM people p
         LEFT JOIN workers w ON w.employee_id = p.employee_id
         LEFT JOIN gone g ON g.employee_id = p.employee_id
         LEFT JOIN eligible el ON el.employee_id = p.employee_id
         LEFT JOIN held h ON h.employee_id = p.employee_id
         LEFT JOIN declared dc ON dc.employee_id = p.employee_id
         LEFT JOIN (${employeeServicesSql()}) s ON s.employee_id = p.employee_id`,
      this.params(ref, { ids: employeeIds ?? [] }),
    );
    return rows.map((r) => ({
      employeeId: String(r.employee_id),
      serviceId: r.service_id == null ? null : String(r.service_id as string),
      known: r.known != null,
      worker: r.worker != null,
      eligible: r.eligible != null,
      leaver: r.leaver != null,
      laptopsHeld: Number(r.laptops),
      itemsHeld: Number(r.items),
      equipped: Number(r.equipped) === 1,
    }));
  }

  /** The services (id, code, name) by code: the rows of the agreements-by-service table. */
  async services(): Promise<Array<{ id: string; code: string; name: string }>> {
    const rows = await this.rows(`SELECT s.id AS id, s.code AS code, s.name AS name FROM (${servicesSql()}) s ORDER BY s.code`, {});
    return rows.map((s) => ({ id: String(s.id), code: String(s.code), name: String(s.name) }));
  }

  /** The employees of these handovers and agreements (who a change to them concerns). */
  async employeesOf(handoverIds: readonly string[], agreementIds: readonly string[]): Promise<string[]> {
    const found: Row[] = [];
    if (handoverIds.length > 0)
      found.push(
        ...(await this.rows(`SELECT h.employee_id AS employee_id FROM (${handoverEmployeesSql()}) h WHERE h.handover_id IN (:...ids)`, { ids: handoverIds })),
      );
    if (agreementIds.length > 0)
      found.push(
        ...(await this.rows(`SELECT a.employee_id AS employee_id FROM (${agreementEmployeesSql()}) a WHERE a.agreement_id IN (:...ids)`, {
          ids: agreementIds,
        })),
      );
    return found.map((r) => String(r.employee_id));
  }

  /** Valid certificates at the reference moment, and those of them ending within 30 days after it. */
  async certificates(at: string, until: string): Promise<{ valid: number; expiring: number }> {
    const row = await this.one(
      `SELECT COUNT(*) AS valid, COALESCE(SUM(CASE WHEN c.not_after <= :until THEN 1 ELSE 0 END), 0) AS expiring
         FROM (${validCertificatesSql('at')}) c`,
      { at, until },
    );
    return { valid: Number(row.valid ?? 0), expiring: Number(row.expiring ?? 0) };
  }

  /** The audit chain's head (the indicators' memo key), from the audit feature's own port. */
  auditHead(): Promise<{ seq: number; hash: string }> {
    return this.audit.head();
  }

  /** The audit events after a head seen before, up to `head` (null: read everything again), from the audit feature's port. */
  changesSince(seen: { seq: number; hash?: string }, head: number, limit: number): Promise<AuditChange[] | null> {
    return this.audit.changesSince(seen, head, limit);
  }
}
