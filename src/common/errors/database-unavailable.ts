import { ServiceUnavailableError } from './domain-errors';

/** What a client is told while Postgres cannot be reached; queue routes say the same about Redis. */
export class DatabaseUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('the service is temporarily unavailable: the database cannot be reached; retry shortly', 5_000);
  }
}

/**
 * SQLSTATE class 08 (connection exception), the server going away (57P01 admin shutdown, 57P02
 * crash shutdown, 57P03 cannot connect now) and 53300 (too many connections): the database, not
 * the statement, is the problem.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** Socket failures as node-postgres passes them on (a connect refused, reset or timed out). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Prisma's codes for an unreachable server, a lost connection and a pool that found no connection in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** The kinds @prisma/adapter-pg gives the driver's connection failures. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * node-postgres and pg-pool report a lost or never-made connection with plain Errors, told apart
 * only by their messages ("Connection terminated unexpectedly", "... due to connection timeout",
 * "timeout exceeded when trying to connect", a client "not queryable" after an error).
 */
const PG_MESSAGES = /^Connection terminated|^timeout exceeded when trying to connect|is not queryable|^Cannot use a pool after calling end/;

interface ErrorFacts {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/**
 * True when the failure is the database being out of reach, however deep the driver, the pool or
 * Prisma's adapter wrapped it. The one place this is decided: repositories never catch it.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // node-postgres rejects with the socket's own error; any other client that wraps a socket error
  // (fetch's "fetch failed" with an ECONNREFUSED cause) is not the database, so only the top counts.
  const top = error as ErrorFacts | null;
  if (typeof top?.code === 'string' && typeof top.syscall === 'string' && SOCKET_CODES.has(top.code)) return true;
  const pending: unknown[] = [error];
  // Bounded: a cause chain is a few links, and a cyclic one must not loop forever.
  for (let seen = 0; pending.length > 0 && seen < 16; seen++) {
    const e = pending.pop();
    if (typeof e !== 'object' || e === null) continue;
    const facts = e as ErrorFacts;
    if (signalsOutage(facts)) return true;
    pending.push(facts.cause, facts.meta?.driverAdapterError);
    if (Array.isArray(facts.errors)) pending.push(...(facts.errors as unknown[]));
  }
  return false;
}

function signalsOutage(e: ErrorFacts): boolean {
  if (e.name === 'PrismaClientInitializationError') return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  // Not decisive when false: a raw query's P2010 carries the driver's failure in meta.driverAdapterError.
  if (typeof e.code === 'string' && (PRISMA_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  return typeof e.message === 'string' && PG_MESSAGES.test(e.message);
}
