import { FakeOAuthServer } from '../../../../test/support/fakes/oauth-fake';
import { OAuthTokenClient, parseGrant, refineTokenError } from './oauth-token-client';

const CLIENT = { clientId: 'client-1', clientSecret: 'client-secret-1' };

describe(OAuthTokenClient.name, () => {
  const fake = new FakeOAuthServer({ ...CLIENT, accessTokenTtlSeconds: 600 });
  const sut = new OAuthTokenClient();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('should authenticate with HTTP Basic instead of the body when the provider asks for it', async () => {
    const { refreshToken } = fake.grantTokens();
    await expect(sut.refresh('acme', `${fake.baseUrl}/token`, CLIENT, refreshToken, 'basic')).resolves.toMatchObject({ accessToken: expect.any(String) });
    await expect(sut.refresh('acme', `${fake.baseUrl}/token`, { ...CLIENT, clientSecret: 'wrong' }, refreshToken, 'basic')).rejects.toMatchObject({ category: 'PERMISSION_DENIED' });
  });

  it('should refresh with a form POST carrying the client credentials', async () => {
    const { refreshToken } = fake.grantTokens();

    const before = Date.now();
    const grant = await sut.refresh('acme', `${fake.baseUrl}/token`, CLIENT, refreshToken);
    const after = Date.now();

    expect(grant).toEqual({ accessToken: expect.stringMatching(/^at_/), refreshToken: undefined, tokenType: 'Bearer', expiresAt: expect.any(Date), scopes: ['read', 'write'] });
    // expires_in (600 s) counted from whenever the answer was read, between `before` and `after`.
    expect(grant.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 600_000);
    expect(grant.expiresAt!.getTime()).toBeLessThanOrEqual(after + 600_000);
    const request = fake.tokenRequests.at(-1)!;
    expect(Object.fromEntries(request.form)).toEqual({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
  });

  it('should map a refused refresh token to REAUTH_REQUIRED and a refused client to PERMISSION_DENIED, naming only the error code', async () => {
    await expect(sut.refresh('acme', `${fake.baseUrl}/token`, CLIENT, 'rt_unknown')).rejects.toMatchObject({ category: 'REAUTH_REQUIRED', message: 'acme oauth: token endpoint refused the grant (invalid_grant)' });
    await expect(sut.refresh('acme', `${fake.baseUrl}/token`, { ...CLIENT, clientSecret: 'wrong' }, 'rt_unknown')).rejects.toMatchObject({ category: 'PERMISSION_DENIED', message: expect.stringContaining('invalid_client') });
  });

  it('should answer PROVIDER_UNAVAILABLE when the token endpoint cannot be reached', async () => {
    await expect(sut.refresh('acme', 'http://127.0.0.1:9/token', CLIENT, 'rt')).rejects.toMatchObject({ category: 'PROVIDER_UNAVAILABLE' });
  });
});

describe(refineTokenError.name, () => {
  it.each([
    [400, { error: 'invalid_grant', error_description: 'rt_abc is revoked' }, 'REAUTH_REQUIRED'],
    [200, { ok: false, error: 'invalid_refresh_token' }, 'REAUTH_REQUIRED'],
    [401, { error: 'invalid_client' }, 'PERMISSION_DENIED'],
    [400, { error: 'invalid_request' }, 'INVALID_INPUT'],
    [503, { error: 'temporarily_unavailable' }, 'PROVIDER_UNAVAILABLE'],
  ])('should classify %i %j as %s, without the description', (status, body, category) => {
    const refined = refineTokenError(status, body);
    expect(refined?.category).toBe(category);
    expect(refined?.message).not.toContain('rt_abc');
  });

  it('should leave successful answers and error pages without a code alone', () => {
    expect(refineTokenError(200, { access_token: 'at', error: 'ignored' })).toBeUndefined();
    expect(refineTokenError(502, '<html>bad gateway</html>')).toBeUndefined();
  });
});

describe(parseGrant.name, () => {
  it('should read expiry, scopes separated by spaces or commas, and refuse an answer without an access token', () => {
    expect(parseGrant('acme', { access_token: 'at', expires_in: '60', scope: 'a,b c' }, 1_000)).toEqual({ accessToken: 'at', refreshToken: undefined, tokenType: undefined, expiresAt: new Date(61_000), scopes: ['a', 'b', 'c'] });
    expect(parseGrant('acme', { access_token: 'at' }).expiresAt).toBeNull();
    expect(() => parseGrant('acme', { token_type: 'bearer' })).toThrow('acme oauth: token endpoint answered without an access_token');
  });
});
