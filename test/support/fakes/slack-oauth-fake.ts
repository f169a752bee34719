import { randomBytes } from 'node:crypto';
import { ScriptedHttpServer, type RecordedRequest, type ScriptedAnswer } from './scripted-http-server';

export interface SlackOAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * Slack's OAuth v2 install flow (https://api.slack.com/authentication/oauth-v2) as a local peer:
 * GET /oauth/v2/authorize sends the browser back to redirect_uri with a single-use code, and
 * POST /api/oauth.v2.access redeems it, answering like Slack does: HTTP 200 either way, with
 * `ok: true` and a bot token, or `ok: false` and an error code. The token it issues is the one
 * the Slack API fake accepts.
 */
export class SlackOAuthFake {
  readonly server = new ScriptedHttpServer((request) => this.route(request));
  private readonly codes = new Map<string, string>();

  constructor(private readonly client: SlackOAuthClient, readonly botToken: string) {}

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  /** Where the manifest's authorize and token URLs point when this fake stands in for slack.com. */
  get endpoints(): { authorizeUrl: string; tokenUrl: string } {
    return { authorizeUrl: `${this.server.baseUrl}/oauth/v2/authorize`, tokenUrl: `${this.server.baseUrl}/api/oauth.v2.access` };
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private route(request: RecordedRequest): ScriptedAnswer {
    if (request.method === 'GET' && request.path === '/oauth/v2/authorize') return this.authorize(request.query);
    if (request.method === 'POST' && request.path === '/api/oauth.v2.access') return this.access(request);
    return { status: 404, body: { ok: false, error: 'unknown_method' } };
  }

  /** The user approved the install: back to the app with a code bound to its redirect URI. */
  private authorize(query: URLSearchParams): ScriptedAnswer {
    const redirectUri = query.get('redirect_uri');
    if (query.get('client_id') !== this.client.clientId || !redirectUri || !query.get('state')) return { status: 400, body: 'invalid_client_id or missing redirect_uri' };
    // Slack's scope parameter is a comma-separated list: "a b" would be one unknown scope.
    if (!/^[a-z:._-]+(,[a-z:._-]+)*$/.test(query.get('scope') ?? '')) return { status: 400, body: 'invalid_scope' };
    const code = `${Date.now()}.${randomBytes(8).toString('hex')}`;
    this.codes.set(code, redirectUri);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state')!);
    return { status: 302, headers: { location: back.toString() } };
  }

  private access(request: RecordedRequest): ScriptedAnswer {
    const form = new URLSearchParams(request.rawBody);
    const failed = (error: string): ScriptedAnswer => ({ status: 200, body: { ok: false, error } });
    if (form.get('client_id') !== this.client.clientId) return failed('invalid_client_id');
    if (form.get('client_secret') !== this.client.clientSecret) return failed('bad_client_secret');
    const code = form.get('code') ?? '';
    const redirectUri = this.codes.get(code);
    this.codes.delete(code);
    if (!redirectUri) return failed('invalid_code');
    if (form.get('redirect_uri') !== redirectUri) return failed('bad_redirect_uri');
    return {
      status: 200,
      body: {
        ok: true,
        app_id: 'A0NEONHUB01',
        authed_user: { id: 'U061F7AUR' },
        scope: 'chat:write,channels:read,channels:history',
        token_type: 'bot',
        access_token: this.botToken,
        bot_user_id: 'U0NEONBOT01',
        team: { id: 'T0NEONHUB01', name: 'NeonHub e2e' },
        enterprise: null,
        is_enterprise_install: false,
      },
    };
  }
}
