import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Conflict, RuleViolation } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/unique-violation';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { addressPool, firstFreeAddress } from './domain/address-pool';
import { VpnAddressRepository } from './vpn-address.repository';
import { VpnSettings } from './vpn-settings';

/** How many times an allocation that lost a race to another unit tries the next free address. */
const ATTEMPTS = 20;

/**
 * Stable tunnel addresses: each account gets one in its profile's pool the first time it is asked for (at the latest
 * when a gateway first asks for the account's directives) and keeps it until the account is revoked.
 *
 * Race-free by the primary key (profile, address) and the unique account_id: each attempt runs in a savepoint, and
 * one that collides with another unit's allocation (PostgreSQL, two gateways at 8:30) rolls back to it and takes
 * the next free address; if the other unit gave this very account an address, that one is the answer. On SQLite the
 * units are serialised and the first attempt always wins.
 */
@Injectable()
export class VpnAddressService {
  constructor(
    private readonly addresses: VpnAddressRepository,
    private readonly settings: VpnSettings,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The account's address, allocated now when it has none (in `tx`, or in a unit of its own). */
  async ensure(account: { id: string; profile: string }, tx?: Tx): Promise<string> {
    const known = await this.addresses.ofAccount(account.id, tx);
    if (known) return known;
    return tx ? this.allocate(tx, account) : this.uow.run((t) => this.allocate(t, account));
  }

  async allocate(tx: Tx, account: { id: string; profile: string }): Promise<string> {
    const profile = this.settings.profile(account.profile);
    if (!profile)
      throw new Conflict('VPN_PROFILE_NO_LONGER_CONFIGURED', `The profile ${account.profile} is no longer configured`, { profile: account.profile });
    const pool = addressPool(profile.pool);
    await this.savepoint(tx, () => this.addresses.releaseRevoked(tx, account.profile));
    const lost: string[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const existing = await this.addresses.ofAccount(account.id, tx);
      if (existing) return existing;
      const address = firstFreeAddress(pool, [...(await this.addresses.held(tx, account.profile)), ...lost]);
      if (!address) {
        throw new RuleViolation('VPN_ADDRESS_POOL_EXHAUSTED', `Every address of the pool ${profile.pool} of profile ${profile.name} is taken`, {
          profile: profile.name,
          pool: profile.pool,
          size: pool.size,
        });
      }
      const won = await this.savepoint(tx, async () => {
        await this.addresses.insert(tx, { profile: account.profile, address, accountId: account.id, assignedAt: this.clock.nowIso() });
      }).then(
        () => true,
        (err: unknown) => {
          if (isUniqueViolation(err)) return false;
          throw err;
        },
      );
      if (won) return address;
      lost.push(address);
    }
    throw new Conflict('VPN_ACCOUNT_CHANGED', 'The VPN account changed meanwhile (another operator?); look at it again', { accountId: account.id });
  }

  /** Runs `fn` in a savepoint: a failed statement rolls back only itself (PostgreSQL aborts the whole transaction otherwise). */
  private async savepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
    await tx.manager.query('SAVEPOINT vpn_address');
    try {
      const out = await fn();
      await tx.manager.query('RELEASE SAVEPOINT vpn_address');
      return out;
    } catch (err) {
      await tx.manager.query('ROLLBACK TO SAVEPOINT vpn_address');
      await tx.manager.query('RELEASE SAVEPOINT vpn_address');
      throw err;
    }
  }
}
