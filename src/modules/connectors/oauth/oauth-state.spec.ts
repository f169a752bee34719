import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config';
import { Vault } from '../vault/vault';
import { InvalidOAuthStateError } from './oauth-errors';
import { OAUTH_STATE_TTL_MS, OAuthStateClaims, OAuthStateCodec } from './oauth-state';

const key = () => randomBytes(32).toString('base64');
const vaultOf = (keys: string) => new Vault({ encryptionKeys: keys, nodeEnv: 'test', dataDir: '/nonexistent' } as AppConfig);
const NOW = Date.UTC(2026, 0, 1);
const claims = (overrides: Partial<OAuthStateClaims> = {}): OAuthStateClaims => ({
  organizationId: 'org-a',
  userId: 'user-a',
  connectorKey: 'acme',
  connectionName: 'default',
  expiresAt: NOW + OAUTH_STATE_TTL_MS,
  nonce: 'n-1',
  codeVerifier: 'verifier-that-must-stay-secret',
  ...overrides,
});

describe(OAuthStateCodec.name, () => {
  const k1 = key();
  const sut = new OAuthStateCodec(vaultOf(`k1:${k1}`));

  it('should round-trip the claims, encrypted (the PKCE verifier is not readable in the URL)', () => {
    const state = sut.issue(claims());
    expect(state).not.toContain('verifier');
    expect(Buffer.from(state.split('.')[2], 'base64url').toString('utf8')).not.toContain('org-a');
    expect(sut.open(state, 'acme', NOW)).toEqual(claims());
  });

  it.each([
    ['a flipped character', (s: string) => s.slice(0, -3) + (s.at(-3) === 'A' ? 'B' : 'A') + s.slice(-2)],
    ['a truncated tag', (s: string) => s.slice(0, s.lastIndexOf('.') + 5)],
    ['an unknown key id', (s: string) => `k9${s.slice(2)}`],
    ['garbage', () => 'not-a-state'],
    ['an extra part', (s: string) => `${s}.x`],
  ])('should reject a state with %s', (_case, alter) => {
    expect(() => sut.open(alter(sut.issue(claims())), 'acme', NOW)).toThrow(/invalid OAuth state: it was altered or not issued by this deployment/);
  });

  it('should reject a missing state', () => {
    expect(() => sut.open(undefined, 'acme', NOW)).toThrow('invalid OAuth state: the callback has no state parameter');
  });

  it('should reject a state issued for another connector', () => {
    expect(() => sut.open(sut.issue(claims()), 'other', NOW)).toThrow('invalid OAuth state: it was issued for connector acme, not other');
  });

  it('should reject an expired state with the way to start again', () => {
    const state = sut.issue(claims());
    expect(() => sut.open(state, 'acme', NOW + OAUTH_STATE_TTL_MS + 1)).toThrow(InvalidOAuthStateError);
    expect(() => sut.open(state, 'acme', NOW + OAUTH_STATE_TTL_MS + 1)).toThrow('OAuth state expired (states last 10 minutes); start again: GET /v1/connectors/acme/oauth/start');
  });

  it('should reject a state from another deployment and accept one issued before a key rotation', () => {
    const other = new OAuthStateCodec(vaultOf(`k1:${key()}`));
    expect(() => sut.open(other.issue(claims()), 'acme', NOW)).toThrow(/altered or not issued/);
    const rotated = new OAuthStateCodec(vaultOf(`k2:${key()},k1:${k1}`));
    expect(rotated.open(sut.issue(claims()), 'acme', NOW)).toEqual(claims());
  });
});
