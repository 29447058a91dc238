import { addressPool, firstFreeAddress, isAccountAddress } from './address-pool';

describe('address pool', () => {
  it('reserves the network address and the first host for the gateway, and the broadcast address', () => {
    const pool = addressPool('10.8.0.0/22');
    expect(pool).toMatchObject({ netmask: '255.255.252.0', gateway: '10.8.0.1', size: 1021 });
    expect(firstFreeAddress(pool, [])).toBe('10.8.0.2');
    expect(isAccountAddress(pool, '10.8.0.0')).toBe(false);
    expect(isAccountAddress(pool, '10.8.0.1')).toBe(false);
    expect(isAccountAddress(pool, '10.8.3.255')).toBe(false);
    expect(isAccountAddress(pool, '10.8.3.254')).toBe(true);
    expect(isAccountAddress(pool, '10.8.4.2')).toBe(false);
  });

  it('gives the lowest address no one holds, crossing octet boundaries, ignoring addresses outside the pool', () => {
    const pool = addressPool('10.8.8.0/23');
    expect(firstFreeAddress(pool, ['10.8.8.2', '10.8.8.4', '192.168.1.3'])).toBe('10.8.8.3');
    const full = Array.from({ length: 254 }, (_, i) => `10.8.8.${i + 2}`);
    expect(firstFreeAddress(pool, full)).toBe('10.8.9.0');
  });

  it('is exhausted (null) when every account address is held', () => {
    const pool = addressPool('10.8.8.0/29');
    expect(pool.size).toBe(5);
    const held = ['10.8.8.2', '10.8.8.3', '10.8.8.4', '10.8.8.5', '10.8.8.6'];
    expect(firstFreeAddress(pool, held.slice(0, 4))).toBe('10.8.8.6');
    expect(firstFreeAddress(pool, held)).toBeNull();
    expect(firstFreeAddress(pool, [...held, '10.8.8.1', '10.8.8.7'])).toBeNull();
  });

  it('refuses what is not a pool', () => {
    expect(() => addressPool('10.8.0.1/22')).toThrow(/not an address pool/);
    expect(() => addressPool('10.8.0.0/30')).toThrow(/not an address pool/);
    expect(() => addressPool('10.0.0.0/7')).toThrow(/not an address pool/);
  });
});
