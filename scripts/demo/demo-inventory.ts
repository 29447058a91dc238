import { AssetIntakeService } from '../../src/inventory/asset-intake.service';
import { DeclaredEquipmentService } from '../../src/inventory/declared-equipment.service';
import { DeviceModelsService } from '../../src/inventory/device-models.service';
import { PurchaseLotsService } from '../../src/inventory/purchase-lots.service';
import { Population } from './population';
import { ItemKind, LotPlan } from './timeline';
import { DemoPeople } from './demo-people';
import { HR, MARK, TECH } from './demo-state';

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

/** Demo step: device models, purchase lots, their intake, and the laptops certificates bind to. */
export class DemoInventory extends DemoPeople {
  protected readonly modelId = new Map<string, string>();

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

  protected async createLot(lot: LotPlan): Promise<void> {
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

  protected async intake(lot: LotPlan): Promise<void> {
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
  protected async nextInStock(kind: ItemKind, skip: string[]): Promise<string> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM assets WHERE kind = $1 AND state = 'in_stock' AND ownership = 'municipal' ORDER BY asset_tag LIMIT ${skip.length + 1}`,
      [kind],
    );
    const found = rows.find((r) => !skip.includes(r.id));
    if (!found) throw new Error(`demo: no ${kind} in stock on ${this.clock.now().toISOString().slice(0, 10)}`);
    return found.id;
  }

  protected personalModel = '';

  /** The laptop a certificate binds to: the municipal one held, or the personal one, registered now if needed. */
  protected async station(person: number, date: string, people: Population['people']): Promise<string> {
    const employeeId = this.employeeId.get(person)!;
    const held = await this.query<{ id: string }>(
      `SELECT id FROM assets WHERE holder_employee_id = $1 AND kind = 'laptop' AND state = 'assigned' ORDER BY ownership, asset_tag`,
      [employeeId],
    );
    if (held.length) return held[0].id;
    if (!this.personalModel) {
      const key = 'Vari|PC portatile personale';
      if (!this.modelId.has(key)) {
        const created = await this.app
          .get(DeviceModelsService)
          .create(TECH, { kind: 'laptop', manufacturer: 'Vari', model: 'PC portatile personale', specs: { fonte: MARK } });
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
}
