import { Injectable } from '@nestjs/common';
import { AndFilter, Client, EqualityFilter, Filter, FilterParser, InvalidCredentialsError } from 'ldapts';
import { Conflict, Unavailable } from '../../common/errors/domain-error';
import { DirectoryProfile } from '../domain/directory-profile';
import { LdapEntry } from '../domain/directory-entry';
import { DirectoryConnection, DirectorySettings } from '../directory-settings';

/**
 * The only code that talks to the directory. Every client is unbound in `finally` (ldapts keeps the socket of a
 * client open until unbind, even one whose bind failed). User-supplied values only ever reach the server inside
 * filter objects (EqualityFilter encodes them as values, never as filter text), so `*)(uid=*` stays a literal.
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

  private client(): Client {
    const { connection, profile } = this.require();
    return new Client({ url: connection.url, timeout: profile.timeoutMs, connectTimeout: Math.min(profile.timeoutMs, 10_000) });
  }

  /** Runs `work` with a client bound as the service account. */
  async asService<T>(work: (client: Client, profile: DirectoryProfile) => Promise<T>): Promise<T> {
    const { connection, profile } = this.require();
    const client = this.client();
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

  /** Simple bind as a user: true when the password is right, false when the directory says it is not. */
  async verifyPassword(dn: string, password: string): Promise<boolean> {
    // An empty password would be an "unauthenticated bind", which some servers accept as anonymous.
    if (!password) return false;
    const client = this.client();
    try {
      await client.bind(dn, password);
      return true;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      throw unavailable(err, 'the user bind failed');
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Pages through every person of the profile's filter, handing each page over as it arrives. */
  async forEachPersonPage(attributes: string[], onPage: (entries: LdapEntry[]) => void): Promise<void> {
    await this.asService(async (client, profile) => {
      try {
        const pages = client.searchPaginated(profile.userBaseDn, {
          scope: 'sub',
          filter: profile.userFilter,
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

/** `(&<profile filter>(<attribute>=<value>))` with the value escaped by construction. */
export function personFilter(profile: DirectoryProfile, attribute: string, value: string): Filter {
  return new AndFilter({ filters: [FilterParser.parseString(profile.userFilter), new EqualityFilter({ attribute, value })] });
}

export function unavailable(err: unknown, what: string): Unavailable {
  const e = err as { code?: number | string; name?: string; message?: string };
  return new Unavailable('DIRECTORY_UNAVAILABLE', `The directory did not answer as expected: ${what}`, {
    ldapError: e?.name ?? 'Error',
    ldapCode: e?.code ?? null,
  });
}
