import { DeviceKind, isDeviceKind } from './device-kind';
import { isValidAssetTag, isValidSerial, normalizeCode, normalizeIccid, normalizeMac, normalizePhone } from './identifiers';

/**
 * Receiving a lot from a CSV of serials. The dry run must list every bad row, so nothing here stops at the
 * first problem: each row collects all of its errors, and the file is judged as a whole. Pure: the service
 * feeds it the lot, the models and what the database already holds (looked up in batches).
 */
export const INTAKE_COLUMNS = [
  'serial',
  'asset_tag',
  'model',
  'manufacturer',
  'kind',
  'mac',
  'iccid',
  'phone_number',
  'data_plan',
  'location',
  'notes',
] as const;
export type IntakeColumn = (typeof INTAKE_COLUMNS)[number];

const ALIASES: Record<string, IntakeColumn> = {
  tag: 'asset_tag',
  assettag: 'asset_tag',
  serial_number: 'serial',
  sn: 'serial',
  phone: 'phone_number',
  msisdn: 'phone_number',
  plan: 'data_plan',
};

export type IntakeErrorCode =
  | 'UNKNOWN_COLUMN'
  | 'MISSING_COLUMN'
  | 'REPEATED_COLUMN'
  | 'MALFORMED_ROW'
  | 'MISSING_FIELD'
  | 'MALFORMED_FIELD'
  | 'FIELD_NOT_ALLOWED'
  | 'UNKNOWN_MODEL'
  | 'AMBIGUOUS_MODEL'
  | 'WRONG_KIND'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_IN_DATABASE'
  | 'LOT_OVERFLOW';

export interface IntakeError {
  /** line of the file (the header is line 1) */
  line: number;
  column: string | null;
  code: IntakeErrorCode;
  reason: string;
  value?: string;
}

export interface IntakeModel {
  id: string;
  kind: DeviceKind;
  manufacturer: string;
  model: string;
}

export interface IntakeLot {
  id: string;
  kind: DeviceKind;
  modelId: string;
  quantity: number;
  received: number;
}

export interface IntakeRow {
  line: number;
  serial: string;
  manufacturer: string;
  assetTag: string | null;
  modelId: string;
  kind: DeviceKind;
  mac: string | null;
  iccid: string | null;
  phoneNumber: string | null;
  dataPlan: string | null;
  location: string | null;
  notes: string | null;
}

export interface RawRecord {
  line: number;
  cells: string[];
}

/** What the database already holds among the keys of the file. */
export interface ExistingKeys {
  serials: Set<string>;
  assetTags: Set<string>;
  iccids: Set<string>;
}

export interface PreparedIntake {
  rows: (IntakeRow & { bad: boolean })[];
  errors: IntakeError[];
  headerOk: boolean;
  dataRows: number;
  /** keys to look up in the database */
  serialKeys: { manufacturer: string; serial: string }[];
  assetTags: string[];
  iccids: string[];
}

export interface IntakeVerdict {
  dataRows: number;
  validRows: IntakeRow[];
  invalidRows: number;
  errors: IntakeError[];
}

export const serialKey = (manufacturer: string, serial: string) => `${manufacturer.toUpperCase()}\u0000${serial}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LENGTH: Partial<Record<IntakeColumn, number>> = { data_plan: 100, location: 200, notes: 1000, model: 150, manufacturer: 100 };

function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

function headerName(cell: string): string {
  const name = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[name] ?? name;
}

export class ModelLookup {
  private readonly byId = new Map<string, IntakeModel>();
  private readonly byName = new Map<string, IntakeModel[]>();

  constructor(models: IntakeModel[]) {
    for (const m of models) {
      this.byId.set(m.id.toLowerCase(), m);
      const key = m.model.trim().toLowerCase();
      this.byName.set(key, [...(this.byName.get(key) ?? []), m]);
      // "Lenovo ThinkPad T14" as well as "ThinkPad T14"
      const full = `${m.manufacturer} ${m.model}`.trim().toLowerCase();
      if (full !== key) this.byName.set(full, [...(this.byName.get(full) ?? []), m]);
    }
  }

  find(text: string, manufacturer: string | null): IntakeModel[] {
    const t = text.trim().toLowerCase();
    if (UUID.test(t)) return this.byId.has(t) ? [this.byId.get(t)!] : [];
    const found = this.byName.get(t) ?? [];
    return manufacturer ? found.filter((m) => m.manufacturer.toLowerCase() === manufacturer.trim().toLowerCase()) : found;
  }

  get(id: string): IntakeModel | undefined {
    return this.byId.get(id.toLowerCase());
  }
}

/** First pass: header, fields, models, kinds and duplicates inside the file. */
export function prepareIntake(records: RawRecord[], lot: IntakeLot, models: ModelLookup): PreparedIntake {
  const errors: IntakeError[] = [];
  const lotModel = models.get(lot.modelId);
  if (!lotModel) throw new Error(`lot ${lot.id} refers to an unknown model`);
  const [header, ...data] = records;
  const out: PreparedIntake = { rows: [], errors, headerOk: false, dataRows: data.length, serialKeys: [], assetTags: [], iccids: [] };
  if (!header) {
    errors.push({ line: 1, column: null, code: 'MISSING_COLUMN', reason: 'the file is empty: a header line with at least "serial" is required' });
    return out;
  }
  const columns: (IntakeColumn | null)[] = [];
  const seen = new Set<string>();
  header.cells.forEach((cell) => {
    const name = headerName(cell);
    if (!(INTAKE_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ line: header.line, column: cell, code: 'UNKNOWN_COLUMN', reason: `unknown column "${cell}"; known: ${INTAKE_COLUMNS.join(', ')}` });
      columns.push(null);
    } else if (seen.has(name)) {
      errors.push({ line: header.line, column: cell, code: 'REPEATED_COLUMN', reason: `column "${name}" appears twice` });
      columns.push(null);
    } else {
      seen.add(name);
      columns.push(name as IntakeColumn);
    }
  });
  if (!seen.has('serial')) {
    errors.push({ line: header.line, column: 'serial', code: 'MISSING_COLUMN', reason: 'the header has no "serial" column' });
    return out;
  }
  out.headerOk = true;

  const firstSerial = new Map<string, number>();
  const firstTag = new Map<string, number>();
  const firstIccid = new Map<string, number>();

  for (const record of data) {
    const line = record.line;
    const rowErrors: IntakeError[] = [];
    const fail = (column: IntakeColumn | null, code: IntakeErrorCode, reason: string, value?: string) =>
      rowErrors.push({ line, column, code, reason, ...(value !== undefined ? { value: clip(value) } : {}) });
    const cell: Partial<Record<IntakeColumn, string>> = {};
    if (record.cells.length > header.cells.length) {
      fail(null, 'MALFORMED_ROW', `the row has ${record.cells.length} fields, the header ${header.cells.length}`);
    }
    columns.forEach((name, i) => {
      const value = (record.cells[i] ?? '').trim();
      if (name && value !== '') cell[name] = value;
    });
    for (const [name, max] of Object.entries(MAX_LENGTH) as [IntakeColumn, number][]) {
      const v = cell[name];
      if (v !== undefined && v.length > max) fail(name, 'MALFORMED_FIELD', `${name} is longer than ${max} characters`, v);
    }

    // model and kind
    let model: IntakeModel | undefined = lotModel;
    if (cell.model !== undefined) {
      const found = models.find(cell.model, cell.manufacturer ?? null);
      if (found.length === 0) {
        model = undefined;
        fail('model', 'UNKNOWN_MODEL', `no device model "${cell.model}"${cell.manufacturer ? ` by ${cell.manufacturer}` : ''} is registered`, cell.model);
      } else if (found.length > 1) {
        model = undefined;
        fail('model', 'AMBIGUOUS_MODEL', `"${cell.model}" matches ${found.length} models; add a manufacturer column or use the model id`, cell.model);
      } else {
        model = found[0];
        if (model.kind !== lot.kind) fail('model', 'WRONG_KIND', `model "${model.model}" is a ${model.kind}, the lot receives ${lot.kind}`, cell.model);
      }
    } else if (cell.manufacturer !== undefined && cell.manufacturer.toLowerCase() !== lotModel.manufacturer.toLowerCase()) {
      fail('manufacturer', 'UNKNOWN_MODEL', `the lot's model is made by ${lotModel.manufacturer}; name the model when the row differs`, cell.manufacturer);
    }
    if (cell.kind !== undefined) {
      const kind = cell.kind.toLowerCase();
      if (!isDeviceKind(kind)) fail('kind', 'MALFORMED_FIELD', `"${cell.kind}" is not a device kind`, cell.kind);
      else if (kind !== lot.kind) fail('kind', 'WRONG_KIND', `the lot receives ${lot.kind}, not ${kind}`, cell.kind);
    }
    const manufacturer = model?.manufacturer ?? lotModel.manufacturer;

    // serial and tag
    let serial: string | null = null;
    if (cell.serial === undefined) fail('serial', 'MISSING_FIELD', 'serial is required');
    else {
      const s = normalizeCode(cell.serial);
      if (!isValidSerial(s)) fail('serial', 'MALFORMED_FIELD', 'a serial has 2-100 letters, digits or . _ / -', cell.serial);
      else {
        serial = s;
        const key = serialKey(manufacturer, s);
        const first = firstSerial.get(key);
        if (first !== undefined) fail('serial', 'DUPLICATE_IN_FILE', `serial ${s} (${manufacturer}) already on line ${first}`, cell.serial);
        else firstSerial.set(key, line);
      }
    }
    let assetTag: string | null = null;
    if (cell.asset_tag !== undefined) {
      const t = normalizeCode(cell.asset_tag);
      if (!isValidAssetTag(t)) fail('asset_tag', 'MALFORMED_FIELD', 'an asset tag has 3-40 letters, digits or . _ -', cell.asset_tag);
      else {
        assetTag = t;
        const first = firstTag.get(t);
        if (first !== undefined) fail('asset_tag', 'DUPLICATE_IN_FILE', `asset tag ${t} already on line ${first}`, cell.asset_tag);
        else firstTag.set(t, line);
      }
    }
    let mac: string | null = null;
    if (cell.mac !== undefined) {
      mac = normalizeMac(cell.mac);
      if (!mac) fail('mac', 'MALFORMED_FIELD', 'not a MAC address (AA:BB:CC:DD:EE:FF)', cell.mac);
    }

    // SIM details belong to mobile routers only
    let iccid: string | null = null;
    let phoneNumber: string | null = null;
    for (const name of ['iccid', 'phone_number', 'data_plan'] as const) {
      if (cell[name] !== undefined && lot.kind !== 'mobile_router') fail(name, 'FIELD_NOT_ALLOWED', `${name} is only for mobile routers`, cell[name]);
    }
    if (cell.iccid !== undefined && lot.kind === 'mobile_router') {
      iccid = normalizeIccid(cell.iccid);
      if (!iccid) fail('iccid', 'MALFORMED_FIELD', 'an ICCID has 18-22 digits, starts with 89 and ends with a valid check digit', cell.iccid);
      else {
        const first = firstIccid.get(iccid);
        if (first !== undefined) fail('iccid', 'DUPLICATE_IN_FILE', `ICCID already on line ${first}`, cell.iccid);
        else firstIccid.set(iccid, line);
      }
    }
    if (cell.phone_number !== undefined && lot.kind === 'mobile_router') {
      phoneNumber = normalizePhone(cell.phone_number);
      if (!phoneNumber) fail('phone_number', 'MALFORMED_FIELD', 'a phone number has 6-15 digits, optionally after +', cell.phone_number);
    }

    errors.push(...rowErrors);
    const row = {
      line,
      serial: serial ?? '',
      manufacturer,
      assetTag,
      modelId: model?.id ?? lot.modelId,
      kind: lot.kind,
      mac,
      iccid,
      phoneNumber,
      dataPlan: lot.kind === 'mobile_router' ? (cell.data_plan ?? null) : null,
      location: cell.location ?? null,
      notes: cell.notes ?? null,
      bad: rowErrors.length > 0,
    };
    out.rows.push(row);
    if (serial) out.serialKeys.push({ manufacturer, serial });
    if (assetTag) out.assetTags.push(assetTag);
    if (iccid) out.iccids.push(iccid);
  }
  return out;
}

/** Second pass: what the database already holds, and the lot's remaining capacity. */
export function finishIntake(prepared: PreparedIntake, existing: ExistingKeys, lot: IntakeLot): IntakeVerdict {
  const errors = [...prepared.errors];
  const remaining = Math.max(0, lot.quantity - lot.received);
  const validRows: IntakeRow[] = [];
  let invalid = 0;
  prepared.rows.forEach((row, index) => {
    let bad = row.bad;
    const add = (e: IntakeError) => {
      errors.push(e);
      bad = true;
    };
    if (row.serial && existing.serials.has(serialKey(row.manufacturer, row.serial))) {
      add({
        line: row.line,
        column: 'serial',
        code: 'DUPLICATE_IN_DATABASE',
        reason: `serial ${row.serial} (${row.manufacturer}) is already registered`,
        value: row.serial,
      });
    }
    if (row.assetTag && existing.assetTags.has(row.assetTag)) {
      add({
        line: row.line,
        column: 'asset_tag',
        code: 'DUPLICATE_IN_DATABASE',
        reason: `asset tag ${row.assetTag} is already registered`,
        value: row.assetTag,
      });
    }
    if (row.iccid && existing.iccids.has(row.iccid)) {
      add({ line: row.line, column: 'iccid', code: 'DUPLICATE_IN_DATABASE', reason: 'this ICCID is already registered', value: row.iccid });
    }
    // Rows are received in file order: those past what is still due are overflow, whatever else is wrong.
    if (index + 1 > remaining) {
      add({
        line: row.line,
        column: null,
        code: 'LOT_OVERFLOW',
        reason: `the lot ordered ${lot.quantity} and has received ${lot.received}: only ${remaining} more can be received`,
      });
    }
    if (bad) invalid += 1;
    else {
      const { bad: _bad, ...clean } = row;
      validRows.push(clean);
    }
  });
  errors.sort((a, b) => a.line - b.line);
  return { dataRows: prepared.dataRows, validRows, invalidRows: invalid + (prepared.headerOk ? 0 : prepared.dataRows), errors };
}
