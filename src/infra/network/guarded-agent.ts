import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy';

/** Every address a hostname resolves to (the system resolver by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** A connection refused by the address policy; callers may raise their own error type instead (see `RefuseAddress`). */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor(readonly host: string, readonly address: string, readonly range: string) {
    super(`refused ${address} (${range}) for ${host}: only public addresses are reached`);
  }
}

/** Builds the error a refused address fails with. */
export type RefuseAddress = (host: string, address: string, range: string) => Error;

const refuseWithBlockedAddressError: RefuseAddress = (host, address, range) => new BlockedAddressError(host, address, range);

/**
 * A `lookup` for net.connect and tls.connect: resolves the host, refuses it when any of its
 * addresses fails the policy, and hands back only the addresses it checked, which are the ones
 * the socket then connects to. Checking inside the connection's own lookup is what defeats DNS
 * rebinding: there is no second resolution between the check and the connect for an attacker's
 * short-lived record to change. A host with one private address among public ones is refused
 * whole rather than filtered, since that mix is itself the usual sign of a rebinding setup.
 */
export function guardedLookup(policy: AddressPolicy, resolveHost: HostResolver = systemResolver, refuse: RefuseAddress = refuseWithBlockedAddressError): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (resolved) => {
        const addresses = options.family === 4 || options.family === 6 ? resolved.filter((a) => a.family === options.family) : resolved;
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        for (const { address } of addresses) {
          const verdict = policy(address);
          if (!verdict.allowed) return callback(refuse(hostname, address, verdict.range), '');
        }
        // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * Shared by knowledge intake (safe-fetch) and webhook delivery: both send requests to URLs a tenant chose.
 *
 * An undici Agent whose every connection goes through guardedLookup. The connected socket's
 * remote address is checked once more before any request is written on it: that also covers an
 * IP-literal host (net.connect skips `lookup` for those) should a caller forget to check it.
 *
 * undici is a dependency of its own rather than Node 20's bundled fetch: that fetch reaches a
 * custom `connect` only through a dispatcher built by undici anyway, and handing one undici's
 * Agent to another undici's fetch couples us to the version Node happens to bundle.
 * request-filtering-agent does the same job for node:http agents, which undici does not use.
 */
export function createGuardedAgent(policy: AddressPolicy, resolveHost?: HostResolver, refuse: RefuseAddress = refuseWithBlockedAddressError, options: Agent.Options = {}): Agent {
  const connect = buildConnector({ lookup: guardedLookup(policy, resolveHost, refuse) });
  return new Agent({
    ...options,
    connect: (options, callback) =>
      connect(options, (...result) => {
        const [error, socket] = result;
        if (error) return callback(error, null);
        const remote = socket.remoteAddress ?? '';
        const verdict = policy(remote);
        if (verdict.allowed) return callback(null, socket);
        socket.destroy();
        callback(refuse(options.hostname, remote || 'an unknown address', verdict.range), null);
      }),
  });
}
