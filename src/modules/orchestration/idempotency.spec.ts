import { canonicalJson, requestHash } from './idempotency';

describe(canonicalJson.name, () => {
  it('should not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('should tell different values apart', () => {
    expect(requestHash({ input: { n: 1 } })).not.toBe(requestHash({ input: { n: '1' } }));
    expect(requestHash({ input: [1, 2] })).not.toBe(requestHash({ input: [2, 1] }));
  });
});
