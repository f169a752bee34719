import type { LookupAddress, LookupOptions } from 'node:dns';
import { classifyAddress, createAddressPolicy } from './address-policy';
import { BlockedAddressError, guardedLookup, systemResolver, type HostResolver } from './guarded-agent';

type LookupResult = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function lookup(resolver: HostResolver, hostname: string, options: LookupOptions, policy = classifyAddress): Promise<LookupResult> {
  return new Promise((resolve) => guardedLookup(policy, resolver)(hostname, options, (error, address, family) => resolve({ error, address, family })));
}

const answering =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe(guardedLookup.name, () => {
  it('should hand back the checked addresses when all are public', async () => {
    const result = await lookup(answering('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'), 'docs.example', { all: true });

    expect(result.error).toBeNull();
    expect(result.address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('should hand back one address and its family when one is asked for', async () => {
    const result = await lookup(answering('93.184.216.34'), 'docs.example', {});

    expect(result).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });

  it('should keep to the family asked for', async () => {
    const result = await lookup(answering('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'), 'docs.example', { family: 6 });

    expect(result.address).toBe('2606:2800:220:1:248:1893:25c8:1946');
  });

  it.each([
    ['a private address', ['10.0.0.7']],
    ['the metadata address', ['169.254.169.254']],
    ['an IPv4-mapped loopback', ['::ffff:127.0.0.1']],
    ['one private address among public ones', ['93.184.216.34', '192.168.0.10']],
  ])('should refuse a host that resolves to %s', async (_case, addresses) => {
    const result = await lookup(answering(...addresses), 'rebind.example', { all: true });

    expect(result.error).toBeInstanceOf(BlockedAddressError);
    expect(result.error).toMatchObject({ host: 'rebind.example', range: expect.any(String) });
  });

  it('should allow a private address the policy allows', async () => {
    const result = await lookup(answering('127.0.0.1'), 'intake.test', {}, createAddressPolicy({ allowedAddressRanges: ['127.0.0.1/32'] }));

    expect(result).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('should pass a resolver failure through', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    const result = await lookup(() => Promise.reject(failure), 'nowhere.test', {});

    expect(result.error).toBe(failure);
  });

  it('should refuse localhost through the system resolver', async () => {
    const result = await lookup(systemResolver, 'localhost', { all: true });

    expect(result.error).toMatchObject({ name: 'BlockedAddressError', range: 'loopback' });
  });
});
