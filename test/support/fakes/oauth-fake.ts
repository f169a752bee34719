import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Seconds an access token lives (expires_in). */
  accessTokenTtlSeconds?: number;
  /** true: every refresh returns a new refresh token and retires the old one (Google does not, X does). */
  rotateRefreshTokens?: boolean;
}

export interface TokenRequest {
  grantType: string;
  form: URLSearchParams;
}

interface IssuedCode {
  redirectUri: string;
  challenge?: string;
}

/**
 * A local OAuth2 authorization server (RFC 6749 + PKCE) and a protected resource, over real HTTP:
 * GET /authorize redirects with a code, POST /token exchanges codes and refresh tokens (client
 * credentials in the form), GET /api/me answers 200 to a live bearer token and 401 otherwise.
 * Tests can expire access tokens, revoke grants, and hold token answers to make requests overlap.
 */
export class FakeOAuthServer {
  readonly tokenRequests: TokenRequest[] = [];
  /** Token requests received so far, resolved as each arrives (await instead of sleeping). */
  private arrivals: Array<() => void> = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();
  private readonly everIssuedRefreshTokens: string[] = [];
  private held?: Promise<void>;
  private server?: Server;
  private url = '';

  /** Mutable: a test may switch refresh-token rotation on and off. */
  constructor(readonly options: FakeOAuthOptions) {}

  get baseUrl(): string {
    return this.url;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Every access and refresh token issued so far (to look for them where they must not be). */
  get issuedTokens(): string[] {
    return [...this.accessTokens.keys(), ...this.everIssuedRefreshTokens];
  }

  /** Every access token issued so far is now expired (the resource answers 401). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  /** The user revoked the app: every refresh token is now an invalid_grant. */
  revokeGrants(): void {
    this.refreshTokens.clear();
  }

  /** Issues a refresh token directly, as if an earlier authorization had. */
  grantRefreshToken(): string {
    const token = `rt_${randomBytes(12).toString('hex')}`;
    this.refreshTokens.add(token);
    this.everIssuedRefreshTokens.push(token);
    return token;
  }

  /** Tokens as if the user had authorized earlier: a live access token and its refresh token. */
  grantTokens(): { accessToken: string; refreshToken: string } {
    const issued = this.issue(this.grantRefreshToken());
    return { accessToken: issued.access_token as string, refreshToken: issued.refresh_token as string };
  }

  /** Token requests wait until the returned function is called. */
  holdTokenAnswers(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /** Resolves once `count` token requests have arrived in total. */
  async tokenRequestsReceived(count: number): Promise<void> {
    while (this.tokenRequests.length < count) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/authorize') return this.authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      this.tokenRequests.push({ grantType: form.get('grant_type') ?? '', form });
      for (const arrived of this.arrivals.splice(0)) arrived();
      if (this.held) await this.held;
      return this.token(req, form, res);
    }
    if (req.method === 'GET' && url.pathname === '/api/me') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiry = token ? this.accessTokens.get(token) : undefined;
      if (!token || expiry === undefined || expiry < Date.now()) return send(res, 401, { error: 'invalid_token' });
      return send(res, 200, { id: 'user-1', token: `…${token.slice(-4)}` });
    }
    send(res, 404, { error: 'not_found' });
  }

  private authorize(url: URL, res: ServerResponse): void {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.options.clientId || !redirectUri || url.searchParams.get('response_type') !== 'code') {
      return send(res, 400, { error: 'invalid_request' });
    }
    const code = `code_${randomBytes(8).toString('hex')}`;
    this.codes.set(code, { redirectUri, challenge: url.searchParams.get('code_challenge') ?? undefined });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  }

  private token(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    // client_secret_basic (RFC 6749 §2.3.1) or client_secret_post, as real servers accept.
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
    const clientId = basic ? basicId : form.get('client_id');
    const clientSecret = basic ? basicSecret : form.get('client_secret');
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) return send(res, 401, { error: 'invalid_client' });
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return send(res, 400, { error: 'invalid_request' });
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const issued = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const pkceOk = !issued?.challenge || createHash('sha256').update(verifier).digest('base64url') === issued.challenge;
      if (!issued || issued.redirectUri !== form.get('redirect_uri') || !pkceOk) return send(res, 400, { error: 'invalid_grant' });
      return send(res, 200, this.issue(this.grantRefreshToken()));
    }
    if (grant === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      if (!this.refreshTokens.has(refreshToken)) return send(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      if (!this.options.rotateRefreshTokens) return send(res, 200, this.issue());
      this.refreshTokens.delete(refreshToken);
      return send(res, 200, this.issue(this.grantRefreshToken()));
    }
    send(res, 400, { error: 'unsupported_grant_type' });
  }

  private issue(refreshToken?: string): Record<string, unknown> {
    const ttl = this.options.accessTokenTtlSeconds ?? 3600;
    const accessToken = `at_${randomBytes(16).toString('hex')}`;
    this.accessTokens.set(accessToken, Date.now() + ttl * 1000);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: 'read write', ...(refreshToken ? { refresh_token: refreshToken } : {}) };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
