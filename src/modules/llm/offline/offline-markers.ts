import { APICallError } from '@ai-sdk/provider';

/**
 * Failures on demand, like the connector mocks: a marker anywhere in the prompt (or in a value to
 * embed) makes the offline provider fail the way a real one does, through the same error types
 * the real providers throw, so the classification under test is the production one.
 *
 * - `[offline:rate_limited]`  an HTTP 429 with `retry-after: 7` (seconds)
 * - `[offline:unavailable]`   an HTTP 503
 * - `[offline:timeout]`       never answers: waits for the call's abort signal and fails with its reason
 * - `[offline:malformed]`     answers, but with JSON that does not parse (text calls get it too, tool calls as their input)
 */
export const OFFLINE_MARKERS = {
  rateLimited: '[offline:rate_limited]',
  unavailable: '[offline:unavailable]',
  timeout: '[offline:timeout]',
  malformed: '[offline:malformed]',
} as const;

export const OFFLINE_RETRY_AFTER_SECONDS = 7;
export const MALFORMED_OUTPUT = '{"answer": "unterminated';

const OFFLINE_URL = 'offline://llm';

/** Throws (or, for a timeout, waits for the abort) when `text` carries a failure marker. */
export async function failOnMarker(text: string, abortSignal: AbortSignal | undefined): Promise<void> {
  if (text.includes(OFFLINE_MARKERS.rateLimited)) {
    throw new APICallError({
      message: 'Rate limit reached (offline)',
      url: OFFLINE_URL,
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after': String(OFFLINE_RETRY_AFTER_SECONDS) },
      isRetryable: true,
    });
  }
  if (text.includes(OFFLINE_MARKERS.unavailable)) {
    throw new APICallError({ message: 'Service unavailable (offline)', url: OFFLINE_URL, requestBodyValues: {}, statusCode: 503, isRetryable: true });
  }
  if (text.includes(OFFLINE_MARKERS.timeout)) await untilAborted(abortSignal);
}

function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) {
      // Nothing could ever end the wait: fail as the provider's gateway would.
      reject(new APICallError({ message: 'Request timed out (offline)', url: OFFLINE_URL, requestBodyValues: {}, statusCode: 408, isRetryable: true }));
      return;
    }
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
