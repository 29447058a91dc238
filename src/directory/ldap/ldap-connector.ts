import { Injectable } from '@nestjs/common';
import type { ConnectionOptions } from 'node:tls';
import { AndFilter, Client, EqualityFilter, ExtensibleFilter, Filter, FilterParser, InvalidCredentialsError, OrFilter } from 'ldapts';
import { Conflict, Unavailable } from '../../common/errors/domain-error';
import { DirectoryProfile } from '../domain/directory-profile';
import { LdapEntry } from '../domain/directory-entry';
import { DirectoryConnection, DirectorySettings } from '../directory-settings';
import { BindOutcome, bindOutcomeOf } from './bind-outcome';

/** Active Directory's MaxPageSize: a DC returns at most this many entries a page whatever the client asks. */
export const AD_MAX_PAGE_SIZE = 1000;

/**
 * The only code that talks to the directory. Every client is unbound in `finally` (ldapts keeps the socket of a
 * client open until unbind, even one whose bind failed). User-supplied values only ever reach the server inside
 * filter objects (EqualityFilter encodes them as values, never as filter text), so `*)(uid=*` stays a literal.
 *
 * Transport: ldaps://, or ldap:// upgraded with StartTLS before any bind, the certificate verified against
 * LDAP_TLS_CA_FILE (or Node's CAs); a certificate that does not verify fails the connection (503
 * DIRECTORY_UNAVAILABLE), never falls back to clear text. Plain ldap:// binds only with LDAP_ALLOW_PLAIN_BIND
 * (DirectorySettings refuses to start otherwise). Referrals (AD answers a subtree search from the domain root with
 * continuation references to CN=Configuration and the DNS zones) are never chased: ldapts hands them over in
 * `searchReferences`, which nothing reads.
 */
@Injectable()
export class LdapConnector {
  constructor(private readonly settings: DirectorySettings) {}

  get configured(): boolean {
    return this.settings.configured;
  }

  /** The connection and profile, or 409 DIRECTORY_NOT_CONFIGURED. */
  require(): { connection: DirectoryConnection; profile: DirectoryProfile } {
    if (!this.settings.connection || !this.settings.profile) {
      throw new Conflict('DIRECTORY_NOT_CONFIGURED', 'No directory is configured (set LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD and LDAP_BASE_DN)');
    }
    return { connection: this.settings.connection, profile: this.settings.profile };
  }

  /** A connected client, encrypted (ldaps:// or StartTLS) unless the configuration allows plain binds. */
  private async open(): Promise<Client> {
    const { connection, profile } = this.require();
    const tlsOptions = tlsOptionsOf(connection);
    const client = new Client({
      url: connection.url,
      timeout: profile.timeoutMs,
      connectTimeout: Math.min(profile.timeoutMs, 10_000),
      tlsOptions: connection.url.startsWith('ldaps:') ? tlsOptions : undefined,
    });
    if (connection.startTls) {
      try {
        await client.startTLS(tlsOptions);
      } catch (err) {
        await client.unbind().catch(() => undefined);
        throw unavailable(err, 'StartTLS failed (is the certificate signed by LDAP_TLS_CA_FILE?)');
      }
    }
    return client;
  }

  /** Runs `work` with a client bound as the service account. */
  async asService<T>(work: (client: Client, profile: DirectoryProfile) => Promise<T>): Promise<T> {
    const { connection, profile } = this.require();
    const client = await this.open();
    try {
      try {
        await client.bind(connection.bindDn, connection.bindPassword);
      } catch (err) {
        throw unavailable(err, 'the service account could not bind');
      }
      return await work(client, profile);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /**
   * Simple bind as a user. `ok`, or why the directory refused (AD's `data 52e/533/775/532/773…` read into a
   * closed set; OpenLDAP's invalid credentials are `invalid`). Anything else (no answer, TLS) throws 503.
   */
  async checkPassword(dn: string, password: string): Promise<BindOutcome> {
    // An empty password would be an "unauthenticated bind", which some servers accept as anonymous.
    if (!password) return 'invalid';
    const client = await this.open();
    try {
      await client.bind(dn, password);
      return 'ok';
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return bindOutcomeOf(err.message);
      throw unavailable(err, 'the user bind failed');
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Simple bind as a user: true when the password is right and the account may log on. */
  async verifyPassword(dn: string, password: string): Promise<boolean> {
    return (await this.checkPassword(dn, password)) === 'ok';
  }

  /** Pages through every person of the profile's filter, handing each page over as it arrives. */
  async forEachPersonPage(attributes: string[], onPage: (entries: LdapEntry[]) => void, filter?: Filter | string): Promise<void> {
    await this.asService(async (client, profile) => {
      try {
        const pages = client.searchPaginated(profile.userBaseDn, {
          scope: 'sub',
          filter: filter ?? profile.userFilter,
          attributes,
          explicitBufferAttributes: profile.key.format === 'guid' ? [profile.key.attribute] : [],
          paged: { pageSize: profile.pageSize },
        });
        for await (const page of pages) onPage(page.searchEntries);
      } catch (err) {
        throw unavailable(err, 'the directory search failed');
      }
    });
  }
}

/** TLS options: the configured CAs (or Node's), certificate and host name always verified, TLS 1.2 at least. */
export function tlsOptionsOf(connection: Pick<DirectoryConnection, 'ca'>): ConnectionOptions {
  return { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(connection.ca ? { ca: [connection.ca] } : {}) };
}

/** `(&<profile filter>(<attribute>=<value>))` with the value escaped by construction. */
export function personFilter(profile: DirectoryProfile, attribute: string, value: string): Filter {
  return new AndFilter({ filters: [FilterParser.parseString(profile.userFilter), new EqualityFilter({ attribute, value })] });
}

/** `(&<profile filter>(|(<a1>=<v1>)(<a2>=<v2>)…))`: one person under any of several names (login forms). */
export function personFilterAny(profile: DirectoryProfile, matches: { attribute: string; value: string }[]): Filter {
  const any = matches.map((m) => new EqualityFilter(m));
  return new AndFilter({ filters: [FilterParser.parseString(profile.userFilter), any.length === 1 ? any[0] : new OrFilter({ filters: any })] });
}

/** `(<attribute>:1.2.840.113556.1.4.1941:=<dn>)`: LDAP_MATCHING_RULE_IN_CHAIN (nested groups), the DN encoded as a value. */
export function inChain(attribute: string, dn: string): ExtensibleFilter {
  return new ExtensibleFilter({ matchType: attribute, rule: '1.2.840.113556.1.4.1941', value: dn });
}

export function unavailable(err: unknown, what: string): Unavailable {
  const e = err as { code?: number | string; name?: string; message?: string };
  return new Unavailable('DIRECTORY_UNAVAILABLE', `The directory did not answer as expected: ${what}`, {
    ldapError: e?.name ?? 'Error',
    ldapCode: e?.code ?? null,
  });
}
