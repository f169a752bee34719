import { classifyAddress, createAddressPolicy, isIpLiteral } from './address-policy';

describe(classifyAddress.name, () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.192', 'reserved'],
    ['240.0.0.1', 'reserved'],
  ])('should refuse the IPv4 address %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('should refuse the IPv6 address %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['[::ffff:192.168.0.1]', 'private'],
  ])('should judge the IPv4-mapped address %s as the IPv4 address it carries (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '[2a00:1450:4001::200e]', '::ffff:8.8.8.8'])('should allow the public address %s', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true, range: 'unicast' });
  });

  it.each(['example.com', '0x7f.1', '2130706433', '127.1', ''])('should refuse %p, which is no canonical address', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range: 'invalid' });
  });
});

describe(isIpLiteral.name, () => {
  it('should tell address literals from host names', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
    expect(isIpLiteral('docs.example.com')).toBe(false);
  });
});

describe(createAddressPolicy.name, () => {
  it('should apply the default classification without options', () => {
    const sut = createAddressPolicy();

    expect(sut('127.0.0.1').allowed).toBe(false);
    expect(sut('8.8.8.8').allowed).toBe(true);
  });

  it('should allow every address with allowPrivateAddresses', () => {
    const sut = createAddressPolicy({ allowPrivateAddresses: true });

    expect(sut('127.0.0.1').allowed).toBe(true);
    expect(sut('169.254.169.254').allowed).toBe(true);
    expect(sut('not-an-address').allowed).toBe(false);
  });

  it('should allow only the listed ranges beside public addresses', () => {
    const sut = createAddressPolicy({ allowedAddressRanges: ['127.0.0.1/32', '10.20.0.0/16', 'fd12::/16'] });

    expect(sut('127.0.0.1')).toEqual({ allowed: true, range: 'loopback' });
    expect(sut('::ffff:127.0.0.1').allowed).toBe(true);
    expect(sut('10.20.3.4').allowed).toBe(true);
    expect(sut('fd12::5').allowed).toBe(true);
    expect(sut('127.0.0.2')).toEqual({ allowed: false, range: 'loopback' });
    expect(sut('10.21.0.1').allowed).toBe(false);
    expect(sut('169.254.169.254').allowed).toBe(false);
    expect(sut('8.8.8.8').allowed).toBe(true);
  });

  it('should refuse a malformed range at construction', () => {
    expect(() => createAddressPolicy({ allowedAddressRanges: ['10.0.0.0'] })).toThrow();
  });
});
