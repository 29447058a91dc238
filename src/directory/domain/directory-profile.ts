import { z } from 'zod';
import { ROLES } from '../../common/auth/roles';

/**
 * How one directory is read: where people are, which attribute is which employee field, what "disabled" means,
 * how group membership is found and which groups give which role. Plain data validated with zod, so the same
 * rules serve the sync, the login and the VPN-group writes.
 */
const disabledRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bitmask'), attribute: z.string().min(1), mask: z.number().int().positive() }),
  z.object({ kind: z.literal('equals'), attribute: z.string().min(1), values: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('present'), attribute: z.string().min(1) }),
  z.object({ kind: z.literal('shadowExpired'), attribute: z.string().min(1).default('shadowExpire') }),
]);

const groupRef = z.object({
  dn: z.string().min(3),
  memberAttribute: z.string().min(1).default('member'),
  /** `dn`: members are user DNs (groupOfNames, AD groups); `username`: members are uids (posixGroup memberUid). */
  memberValue: z.enum(['dn', 'username']).default('dn'),
});

export const directoryProfileSchema = z.object({
  userBaseDn: z.string().min(1),
  userFilter: z
    .string()
    .min(3)
    .regex(/^\(.*\)$/, 'must be an LDAP filter in parentheses'),
  pageSize: z.number().int().min(1).max(10000).default(500),
  timeoutMs: z.number().int().min(100).default(30000),
  key: z.object({ attribute: z.string().min(1), format: z.enum(['string', 'guid']).default('string') }),
  attributes: z.object({
    username: z.string().min(1),
    employeeNumber: z.string().min(1),
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    email: z.string().min(1).optional(),
    serviceCode: z.string().min(1),
    profile: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
  }),
  manager: z.object({ attribute: z.string().min(1), values: z.array(z.string()).min(1) }).optional(),
  disabled: z.array(disabledRule).default([]),
  groups: z.discriminatedUnion('membership', [
    z.object({ membership: z.literal('memberOf'), attribute: z.string().min(1).default('memberOf') }),
    /**
     * Active Directory: membership through nested groups, asked of the DC per mapped group with
     * LDAP_MATCHING_RULE_IN_CHAIN, `(memberOf:1.2.840.113556.1.4.1941:=<group DN>)` on the user's entry.
     */
    z.object({ membership: z.literal('inChain') }),
    z.object({
      membership: z.literal('search'),
      baseDn: z.string().min(1),
      filter: z
        .string()
        .regex(/^\(.*\)$/)
        .default('(objectClass=groupOfNames)'),
      memberAttribute: z.string().min(1).default('member'),
      memberValue: z.enum(['dn', 'username']).default('dn'),
    }),
  ]),
  /**
   * How people may type their login besides the plain username: `DOMAIN\\user` and `user@suffix` name the same
   * person when DOMAIN (NetBIOS) or suffix is one of `domains` (case-insensitive); `upnAttribute` (AD's
   * userPrincipalName) also matches `user@suffix` as typed, for alternative UPN suffixes.
   */
  login: z.object({ domains: z.array(z.string().min(1)).default([]), upnAttribute: z.string().min(1).optional() }).default({ domains: [] }),
  roles: z.array(z.object({ group: z.string().min(3), role: z.enum(ROLES), priority: z.number().int() })).default([]),
  vpnGroup: groupRef.optional(),
  services: z.object({ autoCreate: z.boolean().default(false) }).default({ autoCreate: false }),
  maxDeactivationShare: z.number().min(0).max(1).default(0.05),
  /** Cron (in TIMEZONE) of the daily sync; null switches the schedule off. */
  schedule: z.string().min(9).nullable().default('30 2 * * *'),
  /** How a sync finds what changed since the last run: AD uSNChanged, OpenLDAP entryCSN, a modifyTimestamp, or none (always full). */
  changeTracking: z.enum(['usn', 'entryCSN', 'modifyTimestamp', 'none']).optional(),
  /** Cron of the full reconciliation (reads everyone, finds deletions); `schedule` is then the incremental one. null: off. */
  fullSchedule: z.string().min(9).nullable().default('30 2 * * *'),
});

export type DirectoryProfile = z.infer<typeof directoryProfileSchema>;
export type DisabledRule = z.infer<typeof disabledRule>;
export type GroupRef = z.infer<typeof groupRef>;

export const directoryFileSchema = z.object({
  preset: z.string().min(1),
  overrides: z.record(z.string(), z.unknown()).default({}),
  presets: z.record(z.string(), z.record(z.string(), z.unknown())),
});

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars are replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k], v) : v;
  return out;
}

/** `${baseDn}` in any string becomes the configured base DN. */
export function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\$\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

export interface ProfileProblem {
  path: string;
  message: string;
}

/** What resolveProfile throws: every problem of the file, each with its path. */
export class ProfileProblems extends Error {
  constructor(readonly problems: ProfileProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'ProfileProblems';
  }
}

/**
 * `${adRealm}` and `${adDomain}` for the activeDirectory preset, from the DC= parts of the base DN:
 * OU=Staff,DC=comune,DC=prato,DC=it → comune.prato.it and COMUNE (the usual NetBIOS name; overrides can name others).
 */
export function adNames(baseDn: string): { adRealm: string; adDomain: string } {
  const dcs = baseDn
    .split(',')
    .map((rdn) => rdn.trim())
    .filter((rdn) => /^dc=/i.test(rdn))
    .map((rdn) => rdn.slice(3).trim());
  return { adRealm: dcs.join('.').toLowerCase(), adDomain: (dcs[0] ?? '').toUpperCase() };
}

/** Picks the preset, applies the overrides and the variables (adRealm, adDomain from baseDn unless given), validates. Throws ProfileProblems. */
export function resolveProfile(file: unknown, givenVars: Record<string, string>): DirectoryProfile {
  const vars = { ...adNames(givenVars.baseDn ?? ''), ...givenVars };
  const parsedFile = directoryFileSchema.safeParse(file);
  if (!parsedFile.success) throw new ProfileProblems(parsedFile.error.issues.map((i) => ({ path: i.path.join('.') || '(file)', message: i.message })));
  const { preset, presets, overrides } = parsedFile.data;
  const base = presets[preset];
  if (!base) throw new ProfileProblems([{ path: 'preset', message: `unknown preset "${preset}" (known: ${Object.keys(presets).join(', ')})` }]);
  const merged = substitute(deepMerge(base, overrides), vars);
  const profile = directoryProfileSchema.safeParse(merged);
  if (!profile.success) throw new ProfileProblems(profile.error.issues.map((i) => ({ path: `presets.${preset}.${i.path.join('.')}`, message: i.message })));
  const unresolved = JSON.stringify(profile.data).match(/\$\{\w+\}/);
  if (unresolved) throw new ProfileProblems([{ path: `presets.${preset}`, message: `${unresolved[0]} has no value (set LDAP_BASE_DN)` }]);
  return profile.data;
}
