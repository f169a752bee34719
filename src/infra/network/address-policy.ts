import * as ipaddr from 'ipaddr.js';

export interface AddressVerdict {
  allowed: boolean;
  /** ipaddr.js's name for the range ('unicast' for a public address, 'loopback', 'private', ...). */
  range: string;
}

export type AddressPolicy = (address: string) => AddressVerdict;

export interface AddressPolicyOptions {
  /** Allow every address: for a trusted network only. */
  allowPrivateAddresses?: boolean;
  /** CIDR ranges allowed although not public, e.g. an intranet wiki's subnet ('10.20.0.0/16'). */
  allowedAddressRanges?: readonly string[];
}

function unbracket(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

/** True when the string is an IP address literal (a URL hostname that needs no DNS lookup). */
export function isIpLiteral(hostname: string): boolean {
  const literal = unbracket(hostname);
  // Only canonical dotted quads and IPv6 literals: ipaddr.js would also read '0x7f.1' or '2130706433',
  // forms no resolver hands back and a WHATWG URL has already rewritten in a hostname.
  return ipaddr.IPv4.isValidFourPartDecimal(literal) || ipaddr.IPv6.isValid(literal);
}

/**
 * Whether intake may connect to an address by default. Only what ipaddr.js classifies as plain
 * 'unicast' passes: an allow-list of one rather than a deny-list of private ranges, so loopback,
 * private, link-local (169.254.169.254, the cloud metadata address), unique-local (fd00:ec2::254),
 * CGNAT (100.100.100.200), multicast, unspecified, broadcast, documentation and reserved ranges,
 * and the IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo) are all refused, as is any
 * range a later ipaddr.js release learns to name. An IPv4-mapped IPv6 address (::ffff:127.0.0.1)
 * is judged as the IPv4 address it carries. The range tables are ipaddr.js's, kept up to date there.
 */
export function classifyAddress(address: string): AddressVerdict {
  const literal = unbracket(address);
  if (!isIpLiteral(literal)) return { allowed: false, range: 'invalid' };
  const range = ipaddr.process(literal).range();
  return { allowed: range === 'unicast', range };
}

/** The policy a fetch applies: the default classification, widened by the caller's options. */
export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  if (options.allowPrivateAddresses) return (address) => ({ allowed: isIpLiteral(address), range: 'any' });
  const allowed = (options.allowedAddressRanges ?? []).map((cidr) => ipaddr.parseCIDR(cidr));
  if (allowed.length === 0) return classifyAddress;
  return (address) => {
    const verdict = classifyAddress(address);
    if (verdict.allowed || verdict.range === 'invalid') return verdict;
    const parsed = ipaddr.process(unbracket(address));
    const inAllowedRange = allowed.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits));
    return inAllowedRange ? { allowed: true, range: verdict.range } : verdict;
  };
}
