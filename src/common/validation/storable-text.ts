/**
 * What Postgres can store. `text` and `jsonb` reject NUL ("invalid byte sequence" / "unsupported
 * Unicode escape sequence"), and an unpaired UTF-16 surrogate has no UTF-8 form at all: a string
 * holding either would reach the database and come back as a 500. Checked at the edge instead,
 * so the client hears which field was wrong.
 */
// Honest bodies (agent input, credentials) are a few levels deep; 64 leaves room for any real
// document and stays far below the depth at which the recursive walks after parsing overflow.
export const MAX_JSON_DEPTH = 64;

export interface UnstorableInput {
  /** `body.input.items[2]`, `query.agent`: where the problem is, as a client would name it. */
  field: string;
  problem: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
// (String.prototype.isWellFormed says the same, but is not in the ES2023 lib this project compiles against.)
// eslint-disable-next-line no-control-regex -- finding NUL is the point: Postgres cannot store it
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableString(value: string): boolean {
  return !NUL_OR_LONE_SURROGATE.test(value);
}

const STRING_PROBLEM = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Walks a parsed JSON value without recursion (a hostile body may be nested thousands of levels,
 * which is exactly what would overflow a recursive walk or class-validator later) and returns the
 * first string or key Postgres cannot store, or the first value nested deeper than `maxDepth`.
 */
export function findUnstorableJson(root: unknown, rootName: string, maxDepth = MAX_JSON_DEPTH): UnstorableInput | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: rootName, depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (!isStorableString(value)) return { field: path, problem: STRING_PROBLEM };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { field: rootName, problem: `must not be nested more than ${maxDepth} levels deep` };
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (!isStorableString(key)) return { field: path, problem: `keys ${STRING_PROBLEM}` };
      pending.push({ value: inner, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
