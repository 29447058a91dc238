import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { TokenService } from '../auth';
import { Actor, Role } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { Forbidden, TooManyRequests, Unauthenticated } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { LdapEntry, asStrings, attributeOf, entryKey, isDisabled, normalizeDn } from './domain/directory-entry';
import { DirectoryProfile } from './domain/directory-profile';
import { LoginThrottle, ThrottleKey, loginName } from './domain/login-throttle';
import { LoginAttempts } from './login-attempts';
import { RoleRule, roleForGroups } from './domain/role-mapping';
import { EmployeeRepository } from './employee.repository';
import { LdapConnector, inChain, personFilterAny, unavailable } from './ldap/ldap-connector';
import { BindOutcome } from './ldap/bind-outcome';
import { loginForms } from './domain/login-forms';
import { EqualityFilter, AndFilter, FilterParser, Client } from 'ldapts';

export interface LoginResult {
  token: string;
  role: Role;
  expiresAt: string;
}

type FailureReason =
  | 'empty_credentials'
  | 'unknown_user'
  | 'ambiguous_user'
  | 'wrong_password'
  | 'disabled'
  | 'inactive_employee'
  | 'directory_disabled'
  | 'directory_locked'
  | 'password_expired'
  | 'password_must_change'
  | 'directory_restricted';

const INVALID = () => new Unauthenticated('INVALID_CREDENTIALS', 'The username or password is not valid');

/** What the directory said about a bind, as the reason audited and the refusal answered. */
const REFUSALS: Record<Exclude<BindOutcome, 'ok' | 'invalid'>, { reason: FailureReason; error: () => Forbidden }> = {
  disabled: {
    reason: 'directory_disabled',
    error: () => new Forbidden('ACCOUNT_DISABLED', 'Your directory account is disabled or expired; ask the IT office'),
  },
  locked: {
    reason: 'directory_locked',
    error: () => new Forbidden('ACCOUNT_LOCKED', 'Your directory account is locked after too many wrong passwords; wait or ask the IT office to unlock it'),
  },
  password_expired: {
    reason: 'password_expired',
    error: () => new Forbidden('PASSWORD_EXPIRED', 'Your directory password has expired; change it (at a workstation of the office) and try again'),
  },
  password_must_change: {
    reason: 'password_must_change',
    error: () => new Forbidden('PASSWORD_MUST_CHANGE', 'Your directory password must be changed before first use; change it and try again'),
  },
  restricted: {
    reason: 'directory_restricted',
    error: () => new Forbidden('ACCOUNT_RESTRICTED', 'Your directory account may not log on at this time or from here'),
  },
};

/**
 * Directory login: find the user's entry with the service account, bind as that DN with the password (an
 * empty password is refused before any bind: servers may treat it as anonymous), map the user's groups to a
 * role, issue a session token. Unknown user, wrong password, a disabled entry and an inactive employee all
 * answer the same 401 INVALID_CREDENTIALS. When Active Directory refuses a bind for a reason it gives only once
 * the password was right (disabled 533, expired 701, password expired 532 or to change 773, logon restrictions)
 * the answer says which (403), and 403 ACCOUNT_LOCKED for a locked account (775, which AD tells anyone). A user in
 * no mapped group who is an active employee logs in with the `employee` role (their own page, issue 15); one who
 * is no employee gets 403 NO_ROLE: only someone who proved the password learns that, so it tells an attacker nothing.
 */
@Injectable()
export class DirectoryLoginService {
  constructor(
    private readonly throttle: LoginAttempts,
    private readonly ldap: LdapConnector,
    private readonly employees: EmployeeRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Throttling and the employee look-up follow the directory entry the typed name found, never the typed text:
   * every spelling the directory accepts for one person (case, fullwidth forms) meets the same failure count and
   * the same employee. Before the search, the normalised name and the address are checked; after it, the entry.
   */
  async login(usernameInput: string, password: string, address: string): Promise<LoginResult> {
    const { profile } = this.ldap.require();
    const typed = usernameInput.trim();
    // `COMUNE\mrossi`, `mrossi@comune.test` and `mrossi` (activeDirectory preset) meet the same count before the search
    const forms = loginForms(usernameInput, profile.login.domains);
    const name = loginName(forms.account ?? usernameInput);
    const perAddress = LoginThrottle.forAddress(address);
    const now = Date.now();
    await this.refuseIfThrottled([LoginThrottle.forName(name, address), perAddress], now);

    const fail = async (reason: FailureReason, account: { key: ThrottleKey; name: string } | null = null, refusal: () => Error = INVALID): Promise<never> => {
      const counted = account?.key ?? LoginThrottle.forName(name, address);
      const failures = await this.throttle.recordFailure(counted.key, now, counted.maxFailures);
      await this.throttle.recordFailure(perAddress.key, now, perAddress.maxFailures);
      const entityId = (account?.name ?? name).slice(0, 120) || '(empty)';
      await this.audit.recordAlone(loginActor(entityId), {
        action: 'auth.login_failed',
        entityType: 'directory_login',
        entityId,
        summary: { reason, address, failures, ...(typed !== entityId ? { typed: typed.slice(0, 120) } : {}) },
      });
      throw refusal();
    };

    if (!name || !password) return fail('empty_credentials');
    // NFKC only (not case-folded): the directory compares case itself, and a case-exact attribute still matches
    const found = await this.findUser(profile, forms);
    if (found.length !== 1) return fail(found.length === 0 ? 'unknown_user' : 'ambiguous_user');
    const entry = found[0];
    const externalId = entryKey(entry, profile);
    // what the directory calls this person, not what was typed
    const username = asStrings(attributeOf(entry, profile.attributes.username))[0]?.trim() || name;
    const account = { key: LoginThrottle.forEntry(externalId ?? `dn:${normalizeDn(entry.dn)}`, address), name: username };
    await this.refuseIfThrottled([account.key], now);
    const outcome = await this.ldap.checkPassword(entry.dn, password);
    if (outcome === 'invalid') return fail('wrong_password', account);
    // AD tells these apart only once the password checked out (locked: whatever the password), see bind-outcome.ts
    if (outcome !== 'ok') return fail(REFUSALS[outcome].reason, account, REFUSALS[outcome].error);
    if (isDisabled(entry, profile.disabled, this.today())) return fail('disabled', account);

    const employee = (externalId ? await this.employees.findByExternalId(externalId) : null) ?? (await this.employees.findByUsername(username));
    if (employee && !employee.active) return fail('inactive_employee', account);

    const groups = await this.groupsOf(profile, entry, username);
    const rule = grantedRole(roleForGroups(groups, profile.roles), employee !== null);
    const subject = employee ? `employee:${employee.id}` : entry.dn;
    // the per-address count is left alone: one good password must not wipe a spray's failures from that address
    await this.throttle.recordSuccess(account.key.key);
    if (!rule) {
      await this.audit.recordAlone(loginActor(username), {
        action: 'auth.login_refused',
        entityType: 'directory_login',
        entityId: username,
        summary: { reason: 'no_role', subject, address },
      });
      throw new Forbidden('NO_ROLE', 'Your directory account is in no group that gives access to this service');
    }
    const expiresAt = new Date(this.clock.now().getTime() + this.config.env.SESSION_TOKEN_TTL_MINUTES * 60_000).toISOString();
    const actor: Actor = { id: subject, name: username, role: rule.role };
    const created = await this.tokens.create(actor, { name: `login:${username}`.slice(0, 120), role: rule.role, kind: 'session', subject, expiresAt });
    await this.audit.recordAlone(actor, {
      action: 'auth.login_succeeded',
      entityType: 'directory_login',
      entityId: username,
      summary: { method: 'ldap', role: rule.role, group: rule.group, subject, address, tokenId: created.view.id },
    });
    return { token: created.token, role: rule.role, expiresAt };
  }

  private async refuseIfThrottled(keys: ThrottleKey[], now: number): Promise<void> {
    let wait = 0;
    for (const k of keys) wait = Math.max(wait, await this.throttle.retryAfterMs(k.key, now, k.maxFailures));
    if (wait > 0) throw new TooManyRequests('TOO_MANY_ATTEMPTS', 'Too many failed attempts; try again later', Math.ceil(wait / 1000));
  }

  private today(): string {
    return municipalToday(this.clock, this.config);
  }

  private async findUser(profile: DirectoryProfile, forms: { account: string | null; upn: string | null }): Promise<LdapEntry[]> {
    const attributes = [profile.attributes.username, profile.key.attribute, ...profile.disabled.map((r) => r.attribute)];
    if (profile.groups.membership === 'memberOf') attributes.push(profile.groups.attribute);
    const matches: { attribute: string; value: string }[] = [];
    if (forms.account) matches.push({ attribute: profile.attributes.username, value: forms.account });
    if (forms.upn && profile.login.upnAttribute) matches.push({ attribute: profile.login.upnAttribute, value: forms.upn });
    // `ALTRO\mrossi`: a domain that is not ours names nobody here
    if (matches.length === 0) return [];
    return this.ldap.asService(async (client, p) => {
      try {
        const r = await client.search(p.userBaseDn, {
          scope: 'sub',
          filter: personFilterAny(p, matches),
          attributes,
          explicitBufferAttributes: p.key.format === 'guid' ? [p.key.attribute] : [],
          sizeLimit: 2,
        });
        return r.searchEntries;
      } catch (err) {
        throw unavailable(err, 'the user search failed');
      }
    });
  }

  private async groupsOf(profile: DirectoryProfile, entry: LdapEntry, username: string): Promise<string[]> {
    const g = profile.groups;
    if (g.membership === 'memberOf') return asStrings(attributeOf(entry, g.attribute));
    if (g.membership === 'inChain') return this.firstGroupInChain(profile, entry.dn);
    return this.ldap.asService(async (client: Client) => {
      const filter = new AndFilter({
        filters: [
          FilterParser.parseString(g.filter),
          new EqualityFilter({ attribute: g.memberAttribute, value: g.memberValue === 'dn' ? entry.dn : username }),
        ],
      });
      try {
        const r = await client.search(g.baseDn, { scope: 'sub', filter, attributes: ['1.1'] });
        return r.searchEntries.map((e) => e.dn);
      } catch (err) {
        throw unavailable(err, 'the group search failed');
      }
    });
  }

  /**
   * Active Directory's nested groups: the mapped groups in priority order, each asked of the DC with
   * LDAP_MATCHING_RULE_IN_CHAIN on the user's own entry (a base search that answers the entry or nothing); the
   * first that holds the user, directly or through groups in groups, is the one the role comes from.
   */
  private firstGroupInChain(profile: DirectoryProfile, userDn: string): Promise<string[]> {
    const ordered = [...profile.roles].sort((a, b) => a.priority - b.priority);
    return this.ldap.asService(async (client: Client) => {
      for (const rule of ordered) {
        try {
          const r = await client.search(userDn, { scope: 'base', filter: inChain('memberOf', rule.group), attributes: ['1.1'] });
          if (r.searchEntries.length > 0) return [rule.group];
        } catch (err) {
          throw unavailable(err, 'the nested group search failed');
        }
      }
      return [];
    });
  }
}

/**
 * The role a login gets: the mapped group's (a group may map to `employee` too), else `employee` for an entry linked
 * to an active employee record (the caller has refused an inactive one), else none (403 NO_ROLE).
 */
function grantedRole(mapped: RoleRule | null, isEmployee: boolean): { role: Role; group: string | null } | null {
  if (mapped) return { role: mapped.role, group: mapped.group };
  return isEmployee ? { role: 'employee', group: null } : null;
}

function loginActor(username: string): Actor {
  return { id: `login:${username.slice(0, 120)}`, name: username.slice(0, 120), role: 'system' };
}
