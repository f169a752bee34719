import { MASK, maskSecret, maskSecrets } from './mask';

describe(maskSecret.name, () => {
  it('should show at most the last four characters of a long secret', () => {
    expect(maskSecret('sk_live_0123456789abcdef1234')).toBe(`${MASK}1234`);
  });

  it.each(['', 'hunter2', 'fifteen-chars!!'])('should show nothing of the short secret %j', (secret) => {
    expect(maskSecret(secret)).toBe(MASK);
  });

  it('should mask every field and keep the names', () => {
    expect(maskSecrets({ apiKey: 'key_abcdefghijklmnop9876', password: 'pw' })).toEqual({ apiKey: `${MASK}9876`, password: MASK });
  });
});
