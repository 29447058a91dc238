import { addDays } from '../../common/clock';
import { DirectoryProfile, DisabledRule } from './directory-profile';
import { EMPLOYEE_LIMITS, isEmail, isServiceCode, normalizeServiceCode } from './employee-fields';

/** An entry as ldapts returns it: single values are strings (or Buffers), several values arrays. */
export type LdapValue = string | string[] | Buffer | Buffer[];
export interface LdapEntry {
  dn: string;
  [attribute: string]: LdapValue;
}

/** A person as the directory describes them, in employee terms. */
export interface DirectoryPerson {
  /** The stable key (entryUUID / canonical objectGUID), lower case: employees.external_id. */
  key: string;
  dn: string;
  username: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  serviceCode: string;
  profile: string | null;
  category: string | null;
  /** Undefined when the profile maps no manager rule: the field is then not managed by the directory. */
  isManager: boolean | undefined;
  disabled: boolean;
}

export interface EntryProblem {
  dn: string;
  key: string | null;
  field: string;
  reason: string;
}

export type EntryResult = { ok: true; person: DirectoryPerson } | { ok: false; problem: EntryProblem };

function lookup(entry: LdapEntry, attribute: string): LdapValue | undefined {
  const exact = entry[attribute];
  if (exact !== undefined) return exact;
  const wanted = attribute.toLowerCase();
  for (const k of Object.keys(entry)) if (k.toLowerCase() === wanted) return entry[k];
  return undefined;
}

function asStrings(value: LdapValue | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

/** The first value, trimmed, or null; allocation-free on the hot path (every attribute of 12,500 entries). */
function first(entry: LdapEntry, attribute: string | undefined): string | null {
  if (!attribute) return null;
  let v = lookup(entry, attribute);
  if (Array.isArray(v)) v = v[0];
  if (v === undefined) return null;
  const t = (Buffer.isBuffer(v) ? v.toString('utf8') : v).trim();
  return t ? t : null;
}

/** Active Directory's objectGUID: 16 bytes, the first three groups little-endian. */
export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error('objectGUID must be 16 bytes');
  const h = bytes.toString('hex');
  const le = (start: number, len: number) =>
    h
      .slice(start * 2, (start + len) * 2)
      .match(/../g)!
      .reverse()
      .join('');
  return `${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function entryKey(entry: LdapEntry, profile: DirectoryProfile): string | null {
  const raw = lookup(entry, profile.key.attribute);
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return null;
  if (profile.key.format === 'guid') {
    if (Buffer.isBuffer(value)) return value.length === 16 ? guidToString(value) : null;
    return GUID_TEXT.test(value) ? value.toLowerCase() : null;
  }
  const text = (Buffer.isBuffer(value) ? value.toString('utf8') : value).trim().toLowerCase();
  return text || null;
}

export function isDisabled(entry: LdapEntry, rules: DisabledRule[], today: string): boolean {
  return rules.some((rule) => {
    const values = asStrings(lookup(entry, rule.attribute)).map((v) => v.trim());
    switch (rule.kind) {
      case 'present':
        return values.some((v) => v !== '');
      case 'equals':
        return values.some((v) => rule.values.some((w) => w.toLowerCase() === v.toLowerCase()));
      case 'bitmask':
        return values.some((v) => /^-?\d+$/.test(v) && (Number(v) & rule.mask) !== 0);
      case 'shadowExpired':
        // shadowExpire counts days since 1970-01-01; -1 (or absent) means it never expires.
        return values.some((v) => /^\d+$/.test(v) && addDays('1970-01-01', Number(v)) <= today);
    }
  });
}

/** The attributes a sync asks for. */
export function requestedAttributes(profile: DirectoryProfile): string[] {
  const a = profile.attributes;
  const list = [profile.key.attribute, a.username, a.employeeNumber, a.firstName, a.lastName, a.serviceCode];
  for (const optional of [a.email, a.profile, a.category, profile.manager?.attribute]) if (optional) list.push(optional);
  for (const rule of profile.disabled) list.push(rule.attribute);
  // not the groups: roles are read at login, and a memberOf of dozens of DNs per person would only weigh on the sync
  return [...new Set(list)];
}

/** One entry → one person, or the first reason it cannot be one (the sync skips it and reports why). */
export function toDirectoryPerson(entry: LdapEntry, profile: DirectoryProfile, today: string): EntryResult {
  const a = profile.attributes;
  const key = entryKey(entry, profile);
  const fail = (field: string, reason: string): EntryResult => ({ ok: false, problem: { dn: entry.dn, key, field, reason } });
  if (!key) return fail(profile.key.attribute, 'missing or malformed stable key');
  if (key.length > EMPLOYEE_LIMITS.externalId) return fail(profile.key.attribute, 'stable key too long');
  const required: [string, string, number][] = [
    ['username', a.username, EMPLOYEE_LIMITS.username],
    ['employeeNumber', a.employeeNumber, EMPLOYEE_LIMITS.employeeNumber],
    ['firstName', a.firstName, EMPLOYEE_LIMITS.firstName],
    ['lastName', a.lastName, EMPLOYEE_LIMITS.lastName],
    ['serviceCode', a.serviceCode, EMPLOYEE_LIMITS.serviceCode],
  ];
  const values: Record<string, string> = {};
  for (const [field, attribute, max] of required) {
    const v = first(entry, attribute);
    if (!v) return fail(attribute, `missing ${field}`);
    if (v.length > max) return fail(attribute, `${field} longer than ${max} characters`);
    values[field] = v;
  }
  const serviceCode = normalizeServiceCode(values.serviceCode);
  if (!isServiceCode(serviceCode)) return fail(a.serviceCode, 'malformed service code');
  const email = first(entry, a.email);
  if (email && !isEmail(email)) return fail(a.email!, 'malformed email');
  const profileValue = first(entry, a.profile);
  const category = first(entry, a.category);
  if (profileValue && profileValue.length > EMPLOYEE_LIMITS.profile) return fail(a.profile!, 'profile too long');
  if (category && category.length > EMPLOYEE_LIMITS.category) return fail(a.category!, 'category too long');
  let isManager: boolean | undefined;
  if (profile.manager) {
    const wanted = profile.manager.values.map((v) => v.toLowerCase());
    isManager = asStrings(lookup(entry, profile.manager.attribute)).some((v) => wanted.includes(v.trim().toLowerCase()));
  }
  return {
    ok: true,
    person: {
      key,
      dn: entry.dn,
      username: values.username,
      employeeNumber: values.employeeNumber,
      firstName: values.firstName,
      lastName: values.lastName,
      email: email ? email : null,
      serviceCode,
      profile: profileValue,
      category,
      isManager,
      disabled: isDisabled(entry, profile.disabled, today),
    },
  };
}

/** Group DNs compare case-insensitively and without spaces around separators. */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((rdn) =>
      rdn
        .split('=')
        .map((p) => p.trim())
        .join('='),
    )
    .join(',')
    .toLowerCase();
}

export { asStrings, lookup as attributeOf };
