import * as fs from 'node:fs';
import * as path from 'node:path';
import { activityNaturalKey, parseActivityMap } from './activity-map.parser';

const HEADER = 'service_code\tservice\tmacro_activity\tactivity\tmode\tnotes';

describe('reading the activity map (Allegato 1 format)', () => {
  it('reads the seed file: 676 activities, no errors, quoted fields unquoted', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/activity-map.tsv'), 'utf8');
    const parsed = parseActivityMap(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe('tsv');
    expect(parsed.total).toBe(676);
    expect(parsed.rows).toHaveLength(676);
    const dopoDiNoi = parsed.rows.find((r) => r.name.includes('Dopo di Noi'));
    expect(dopoDiNoi).toMatchObject({ line: 370, serviceCode: 'PL', name: 'Gestione del progetto "Dopo di Noi"', mode: 'outsourced' });
  });

  it('reads the same content as CSV, with comma or semicolon', () => {
    const csv = 'service_code,service,macro_activity,activity,mode,notes\nSD,Sistema Informativo,Reti,"Gestione VPN, firewall",fully_remote,\n';
    expect(parseActivityMap(csv)).toMatchObject({ format: 'csv', errors: [], rows: [{ name: 'Gestione VPN, firewall', mode: 'fully_remote', notes: null }] });
    const semi = 'service_code;service;macro_activity;activity;mode\nSD;Sistema Informativo;Reti;Gestione VPN, firewall;fully_remote\n';
    expect(parseActivityMap(semi).rows[0].name).toBe('Gestione VPN, firewall');
  });

  it('reports every bad row with its line and column, and keeps the good ones apart', () => {
    const text = [
      HEADER,
      'SD\tSistema Informativo\tReti\tGestione VPN\tfully_remote\t',
      'SD\tSistema Informativo\t\tGestione firewall\tsmart\t',
      'sd-1\tSistema Informativo\tReti\tCablaggi\tin_presence\t',
      'SD\tSistema Informativo\tReti\tgestione  vpn\tpartially_remote\t',
      'SD\tSistemi Informativi\tReti\tHelpdesk\tin_presence\t',
      'SD\tSistema Informativo\tReti',
    ].join('\n');
    const parsed = parseActivityMap(text);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'macro_activity', 'MISSING_FIELD'],
      [3, 'mode', 'BAD_MODE'],
      [4, 'service_code', 'BAD_SERVICE_CODE'],
      [5, 'activity', 'DUPLICATE_IN_FILE'],
      [6, 'service', 'SERVICE_NAME_CONFLICT'],
      [7, null, 'WRONG_FIELD_COUNT'],
    ]);
  });

  it('refuses a header with missing or unknown columns before reading rows', () => {
    const parsed = parseActivityMap('service_code\tservice\tactivity\tmodo\nSD\tx\ty\tz\n');
    expect(parsed.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, 'modo', 'UNKNOWN_COLUMN'],
      [1, 'macro_activity', 'MISSING_COLUMN'],
      [1, 'mode', 'MISSING_COLUMN'],
    ]);
  });

  it('reports an unreadable file and an empty one', () => {
    expect(parseActivityMap('').errors[0].code).toBe('EMPTY_FILE');
    expect(parseActivityMap(`${HEADER}\nSD\tx\t"unclosed\tquote\tfully_remote\t\n`).errors[0].code).toBe('FILE_MALFORMED');
  });

  it('keys an activity by service, macro-activity and name, ignoring case and blanks', () => {
    expect(activityNaturalKey('SD', 'Reti', 'Gestione  VPN ')).toBe(activityNaturalKey('sd', 'reti', 'gestione vpn'));
    expect(activityNaturalKey('SD', 'Reti', 'Gestione VPN')).not.toBe(activityNaturalKey('SD', 'Server', 'Gestione VPN'));
  });
});
