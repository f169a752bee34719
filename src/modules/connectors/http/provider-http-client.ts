import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { parseRetryAfter } from '../../../infra/resilience/retry-after';
import { categoryForStatus, ConnectorError, ConnectorErrorCategory } from '../connector-error';

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  signal?: AbortSignal;
  /** Writes are repeated only when the provider deduplicates them by this key. */
  idempotencyKey?: { header: string; value: string };
  /** A POST that only reads (a GraphQL query): as safe to repeat as a GET. */
  readOnly?: boolean;
  timeoutMs?: number;
}

export interface ProviderResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Providers that answer errors inside a 2xx body (Slack's ok:false) refine the category here;
 * those that say when to come back in their own way (X's x-rate-limit-reset) give retryAfterMs.
 */
export type ErrorRefiner = (
  status: number,
  body: unknown,
  headers: Headers,
) => { category: ConnectorErrorCategory; message: string; retryAfterMs?: number } | undefined;

const DEFAULT_TIMEOUT_MS = 10_000;

class RetryableTransportError extends Error {}

/**
 * The one HTTP client every real provider uses: timeouts, retries of what is safe to repeat,
 * 429 with Retry-After as RATE_LIMITED, every failure mapped to a ConnectorError category.
 * Request and response bodies never reach an error message (they carry customers' data).
 */
export class ProviderHttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly connector: string,
    private readonly refine?: ErrorRefiner,
  ) {}

  async request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
    const safeToRepeat = request.method === 'GET' || request.readOnly === true || request.idempotencyKey !== undefined;
    const policy = retry(handleWhen((e) => e instanceof RetryableTransportError), {
      maxAttempts: safeToRepeat ? 2 : 0,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000 }),
    });
    try {
      return await policy.execute(() => this.once<T>(request, safeToRepeat), request.signal);
    } catch (error) {
      if (error instanceof RetryableTransportError) throw (error as RetryableTransportError & { cause: ConnectorError }).cause;
      throw error;
    }
  }

  private async once<T>(request: ProviderRequest, safeToRepeat: boolean): Promise<ProviderResponse<T>> {
    const url = new URL(request.path.replace(/^\//, ''), `${this.baseUrl}/`);
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    if (request.idempotencyKey) headers[request.idempotencyKey.header] = request.idempotencyKey.value;
    const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;

    let response: Response;
    try {
      response = await fetch(url, { method: request.method, headers, body, signal });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const timedOut = timeout.aborted;
      const failure = new ConnectorError(timedOut ? 'TIMEOUT' : 'PROVIDER_UNAVAILABLE', `${this.connector}: ${timedOut ? 'no answer in time' : `request failed (${(error as Error).cause ? String(((error as Error).cause as Error).message) : (error as Error).message})`}`, {
        // A refused connection never left; a timeout may have been processed.
        requestSent: timedOut,
      });
      if (safeToRepeat || !timedOut) throw Object.assign(new RetryableTransportError(failure.message), { cause: failure });
      throw failure;
    }
    const text = await response.text();
    const parsed = parseBody(text);
    const refined = this.refine?.(response.status, parsed, response.headers);
    if (response.ok && !refined) return { status: response.status, headers: response.headers, body: parsed as T };

    const category = refined?.category ?? categoryForStatus(response.status);
    const failure = new ConnectorError(category, `${this.connector}: ${refined?.message ?? `provider answered ${response.status}`}`, {
      providerStatus: response.status,
      retryAfterMs: category === 'RATE_LIMITED' ? (refined?.retryAfterMs ?? parseRetryAfter(response.headers.get('retry-after')) ?? 1_000) : undefined,
      requestSent: true,
    });
    if (response.status >= 500 && safeToRepeat) throw Object.assign(new RetryableTransportError(failure.message), { cause: failure });
    throw failure;
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
