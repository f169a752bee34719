import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import { parseRetryAfter } from '../../../infra/resilience/retry-after';
import { createAddressPolicy, isIpLiteral, type AddressPolicy, type AddressPolicyOptions } from '../../../infra/network/address-policy';
import { createGuardedAgent, type HostResolver } from '../../../infra/network/guarded-agent';
import { DOCUMENT_CONTENT_TYPES, isDocumentContentType, parseContentType, type DocumentContentType } from './content-type';
import { IntakeError } from './intake-error';

export interface SafeFetchOptions extends AddressPolicyOptions {
  /** Largest body accepted, counted as it streams in (after decompression). Default 10 MiB. */
  maxBytes?: number;
  /** For the whole fetch: every connection, redirect, header and body byte. Default 30 s. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** The caller's abort: ends the fetch as CANCELLED. */
  signal?: AbortSignal;
  userAgent?: string;
  /** DNS for the guarded connections (the system resolver by default). */
  resolveHost?: HostResolver;
  now?: () => Date;
}

export interface FetchedDocument {
  finalUrl: string;
  contentType: DocumentContentType;
  charset?: string;
  bytes: Buffer;
  fetchedAt: Date;
}

export const SAFE_FETCH_DEFAULTS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5, userAgent: 'NeonHub-Intake/1.0' } as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches one document by GET for knowledge intake, treating the URL as hostile: only http(s),
 * only public addresses (checked on the address connected to, see guarded-agent.ts), each
 * redirect checked again, only document media types, a byte ceiling enforced while streaming
 * (a missing or wrong Content-Length changes nothing) and one deadline for the whole exchange.
 * Every failure is an IntakeError.
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<FetchedDocument> {
  const limits = {
    maxBytes: options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes,
    timeoutMs: options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs,
    maxRedirects: options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? SAFE_FETCH_DEFAULTS.userAgent,
  };
  const policy = createAddressPolicy(options);
  let target = checkTarget(url, policy);
  if (options.signal?.aborted) throw new IntakeError('CANCELLED', 'fetch cancelled by the caller', { url });

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  // One agent per fetch: its connections carry this fetch's address policy and end with it.
  const agent = createGuardedAgent(policy, options.resolveHost, blockedAddress);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await request(target, {
        method: 'GET',
        dispatcher: agent,
        signal,
        headers: { 'user-agent': limits.userAgent, accept: DOCUMENT_CONTENT_TYPES.join(', '), 'accept-encoding': 'gzip, deflate, br' },
      });
      if (REDIRECT_STATUSES.has(response.statusCode)) {
        discard(response);
        if (redirects >= limits.maxRedirects) throw new IntakeError('TOO_MANY_REDIRECTS', `more than ${limits.maxRedirects} redirects`, { url });
        target = checkTarget(redirectTarget(response, target), policy);
        continue;
      }
      return await readDocument(response, target, limits, options.now ?? (() => new Date()));
    }
  } catch (error) {
    throw toIntakeError(error, { url: target.href, callerSignal: options.signal, deadline: deadline.signal });
  } finally {
    clearTimeout(timer);
    await agent.destroy();
  }
}

/** Refuses what must never be requested at all, before any connection is opened. */
function checkTarget(raw: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new IntakeError('INVALID_URL', 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IntakeError('INVALID_URL', `${url.protocol} URLs are not fetched`, { url: url.href });
  // Credentials in a URL would travel on every redirect and into logs.
  if (url.username || url.password) throw new IntakeError('INVALID_URL', 'URLs with credentials are not fetched');
  if (isIpLiteral(url.hostname)) {
    const verdict = policy(url.hostname);
    if (!verdict.allowed) throw blockedAddress(url.hostname, url.hostname, verdict.range);
  }
  return url;
}

function blockedAddress(host: string, address: string, range: string): IntakeError {
  return new IntakeError('BLOCKED_ADDRESS', `refused ${address} (${range}) for ${host}: intake reaches public addresses only`);
}

function redirectTarget(response: Dispatcher.ResponseData, from: URL): string {
  const location = header(response, 'location');
  if (!location) throw new IntakeError('UPSTREAM_STATUS', `source answered ${response.statusCode} without a Location`, { url: from.href, upstreamStatus: response.statusCode });
  try {
    return new URL(location, from).href;
  } catch {
    throw new IntakeError('INVALID_URL', 'redirect to an unreadable Location', { url: from.href });
  }
}

async function readDocument(response: Dispatcher.ResponseData, url: URL, limits: { maxBytes: number }, now: () => Date): Promise<FetchedDocument> {
  const { statusCode } = response;
  if (statusCode < 200 || statusCode > 299) {
    discard(response);
    throw IntakeError.upstream(statusCode, url.href, parseRetryAfter(header(response, 'retry-after')));
  }
  const { mimeType, charset } = parseContentType(header(response, 'content-type'));
  if (!isDocumentContentType(mimeType)) {
    discard(response);
    throw new IntakeError('UNSUPPORTED_CONTENT_TYPE', `${mimeType || 'a missing content type'} is not a document type intake reads`, { url: url.href });
  }
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    discard(response);
    throw tooLarge(limits.maxBytes, url);
  }
  const bytes = await readLimited(decoded(response), limits.maxBytes, url);
  return { finalUrl: url.href, contentType: mimeType, ...(charset ? { charset } : {}), bytes, fetchedAt: now() };
}

/** The body as sent before content coding; the byte ceiling applies to this, so a zip bomb stops at it. */
function decoded(response: Dispatcher.ResponseData): Readable {
  const coding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  const decoder = coding === 'gzip' || coding === 'x-gzip' ? createGunzip() : coding === 'deflate' ? createInflate() : coding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return response.body;
  // pipeline destroys both streams on an error in either, so an abort also ends the decoder.
  return pipeline(response.body, decoder, () => undefined);
}

async function readLimited(body: Readable, maxBytes: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    // Leaving the loop by throwing destroys the stream, so the rest is never downloaded.
    if (total > maxBytes) throw tooLarge(maxBytes, url);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Drops a body that will not be read; undici reports the abort it was asked for as an 'error', ignored here. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

function tooLarge(maxBytes: number, url: URL): IntakeError {
  return new IntakeError('TOO_LARGE', `body larger than ${maxBytes} bytes`, { url: url.href });
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function toIntakeError(error: unknown, context: { url: string; callerSignal?: AbortSignal; deadline: AbortSignal }): IntakeError {
  if (error instanceof IntakeError) return error;
  const details = { url: context.url };
  if (context.callerSignal?.aborted) return new IntakeError('CANCELLED', 'fetch cancelled by the caller', details, { cause: error });
  if (context.deadline.aborted) return new IntakeError('TIMEOUT', 'fetch took longer than its time limit', details, { cause: error });
  if (error instanceof undiciErrors.ConnectTimeoutError || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new IntakeError('TIMEOUT', 'source stopped answering', details, { cause: error });
  }
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
  return new IntakeError('NETWORK', `source could not be reached (${code})`, details, { cause: error });
}
