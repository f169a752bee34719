/** The JSON calls the agents bench makes to the API, with the client-side time of each. */
export interface Api {
  url: string;
  auth: Record<string, string>;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
  ms: number;
}

export async function call<T = Record<string, unknown>>(api: Api, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const started = performance.now();
  const res = await fetch(api.url + path, { method, headers: { 'content-type': 'application/json', ...api.auth }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T, ms };
}

/** Fails with the answer's body when the status is not the expected one. */
export async function expectCall<T = Record<string, unknown>>(api: Api, method: string, path: string, body: unknown, status: number): Promise<T> {
  const answer = await call<T>(api, method, path, body);
  if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 300)}`);
  return answer.json;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
