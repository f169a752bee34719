import { randomBytes } from 'node:crypto';
import { slackConnector } from '../../src/modules/connectors/providers/slack';
import { bearer } from '../support/app';
import { connectorOverrides, countRows, dumpTable, invoke } from '../support/connector-e2e';
import { LAUNCH_ANNOUNCEMENT_AGENT, LaunchAnnouncementAgent } from '../support/connector-test-agents';
import { useE2eApp } from '../support/e2e-context';
import { SlackFake } from '../support/fakes/slack-fake';
import { SlackOAuthFake } from '../support/fakes/slack-oauth-fake';
import { SmtpFake } from '../support/fakes/smtp-fake';

const SLACK_TOKEN = `xoxb-7391-2046-${randomBytes(12).toString('hex')}`;
const SMTP_LOGIN = { username: 'mailer@neonhub.test', password: `smtp-${randomBytes(12).toString('hex')}` };
const CLIENT = { clientId: '7391.2046', clientSecret: `slack-client-${randomBytes(8).toString('hex')}` };
const FROM = 'marketing@neonhub.test';
const LAUNCH = { channel: '#marketing', headline: 'The spring collection is live', details: 'Twelve new pieces, 20% off for members until Sunday.', recipients: ['jane@example.com', 'sam@example.org'] };

describe('Real connectors against local protocol peers', () => {
  const slackApi = new SlackFake(SLACK_TOKEN);
  const slackOAuth = new SlackOAuthFake(CLIENT, SLACK_TOKEN);
  const smtp = new SmtpFake(SMTP_LOGIN);
  const manifestOAuth = slackConnector.manifest.oauth;
  /** Every response body this spec received, to look for secrets in. */
  const answers: string[] = [];
  let slackBaseUrl: string;

  // Hooks run in the order declared: the peers start before the app and stop after it.
  beforeAll(async () => {
    [slackBaseUrl] = await Promise.all([slackApi.start(), slackOAuth.start(), smtp.start()]);
    // The manifest's OAuth endpoints are fixed slack.com URLs that no setting moves (unlike the
    // API root, CONNECTOR_SLACK_BASE_URL): pointed at the local peer for this file only, with
    // Slack's other OAuth particulars (comma-separated scopes) kept.
    slackConnector.manifest.oauth = { ...manifestOAuth!, ...slackOAuth.endpoints };
  });
  const sut = useE2eApp({
    config: () =>
      connectorOverrides({ modes: { slack: 'real', smtp: 'real' }, baseUrls: { slack: slackBaseUrl }, oauthClients: { slack: CLIENT }, oauthRedirectBaseUrl: 'http://neonhub.test' }),
    providers: [LaunchAnnouncementAgent],
  });
  afterAll(async () => {
    slackConnector.manifest.oauth = manifestOAuth;
    await Promise.all([slackApi.stop(), slackOAuth.stop(), smtp.stop()]);
  });
  beforeEach(() => {
    slackApi.server.reset();
    slackOAuth.server.reset();
    smtp.reset();
  });

  const kept = <T extends { text: string }>(res: T): T => {
    answers.push(res.text);
    return res;
  };
  /** The Slack install as a browser makes it: start, approve at the provider, follow the redirect to our callback. */
  async function connectSlack() {
    const start = kept(await sut.http.get('/v1/connectors/slack/oauth/start').set(bearer(sut.apiKey)).expect(200));
    expect(new URL(start.body.authorizeUrl).searchParams.get('scope')).toBe('chat:write,channels:read,channels:history');
    const approval = await fetch(start.body.authorizeUrl, { redirect: 'manual' });
    expect(approval.status).toBe(302);
    const back = new URL(approval.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('http://neonhub.test/v1/connectors/slack/oauth/callback');
    return kept(await sut.http.get('/v1/connectors/slack/oauth/callback').query(Object.fromEntries(back.searchParams)).expect(200));
  }
  const connectSmtp = async () =>
    kept(
      await sut.http
        .put('/v1/connectors/smtp/credentials')
        .set(bearer(sut.apiKey))
        .send({ secrets: { password: SMTP_LOGIN.password }, metadata: { host: smtp.host, port: String(smtp.listeningPort), secure: 'false', username: SMTP_LOGIN.username, fromAddress: FROM } })
        .expect(200),
    );
  const announce = async () => kept(await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: LAUNCH_ANNOUNCEMENT_AGENT, input: LAUNCH }).expect(201));

  it('should answer 424 and record no run when the organization has not connected a real connector', async () => {
    const stranger = await sut.tenant('unconnected');
    const before = await countRows(sut.db.url, 'SELECT count(*) AS n FROM agent_runs');

    const slack = await invoke(sut, 'slack', 'send_message', { channel: '#marketing', text: 'hello' }, stranger.apiKey).expect(424);
    const email = await invoke(sut, 'smtp', 'send_email', { to: ['jane@example.com'], subject: 'hi', text: 'hello' }, stranger.apiKey).expect(424);

    expect(slack.body).toEqual({ statusCode: 424, error: 'Failed Dependency', message: 'connector slack is not connected for this organization', requestId: expect.any(String) });
    expect(email.body.message).toBe('connector smtp is not connected for this organization');
    expect(await countRows(sut.db.url, 'SELECT count(*) AS n FROM agent_runs')).toBe(before);
    expect(slackApi.requests).toEqual([]);
    expect(smtp.connections).toBe(0);
  });

  it('should connect Slack through the OAuth callback and SMTP through PUT, answering both masked', async () => {
    const slack = await connectSlack();
    const email = await connectSmtp();

    expect(slack.body).toMatchObject({ key: 'slack', authType: 'oauth2', connected: true, status: 'ACTIVE', scopes: ['chat:write', 'channels:read', 'channels:history'], secrets: { accessToken: `••••${SLACK_TOKEN.slice(-4)}` } });
    const exchange = new URLSearchParams(slackOAuth.requests.find((r) => r.path === '/api/oauth.v2.access')!.rawBody);
    expect(Object.fromEntries(exchange)).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT.clientId, redirect_uri: 'http://neonhub.test/v1/connectors/slack/oauth/callback' });
    expect(email.body).toMatchObject({ key: 'smtp', authType: 'smtp', connected: true, secrets: { password: `••••${SMTP_LOGIN.password.slice(-4)}` }, metadata: { host: '127.0.0.1', username: SMTP_LOGIN.username, fromAddress: FROM } });
    const listed = kept(await sut.http.get('/v1/connectors').set(bearer(sut.apiKey)).expect(200)).body as Array<{ key: string; mode: string; connected: boolean }>;
    expect(listed.filter((c) => c.key === 'slack' || c.key === 'smtp')).toEqual([
      expect.objectContaining({ key: 'slack', mode: 'real', connected: true }),
      expect.objectContaining({ key: 'smtp', mode: 'real', connected: true }),
    ]);
  });

  it('should run one agent whose tool calls reach the local Slack API and the local SMTP server', async () => {
    await connectSlack();
    await connectSmtp();

    const run = (await announce()).body;

    expect(run).toMatchObject({ agent: LAUNCH_ANNOUNCEMENT_AGENT, status: 'COMPLETED', error: null });
    expect(run.toolExecutions).toEqual([
      expect.objectContaining({ tool: 'slack', connector: 'slack', action: 'send_message', step: 1, status: 'SUCCEEDED' }),
      expect.objectContaining({ tool: 'smtp', connector: 'smtp', action: 'send_email', step: 2, status: 'SUCCEEDED' }),
    ]);
    const [post] = slackApi.requests;
    expect(slackApi.requests).toHaveLength(1);
    expect(post).toMatchObject({ method: 'POST', path: '/api/chat.postMessage', headers: expect.objectContaining({ authorization: `Bearer ${SLACK_TOKEN}`, 'content-type': expect.stringMatching(/^application\/json/) }) });
    expect(JSON.parse(post.rawBody)).toEqual({ channel: '#marketing', text: ':rocket: The spring collection is live' });
    const posted = slackApi.channels.find((c) => c.id === 'C02MARKETNG')!.messages.at(-1)!;
    expect(run.output.slack).toEqual({ channel: 'C02MARKETNG', ts: posted.ts });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.user).toBe(SMTP_LOGIN.username);
    expect(mail.envelope).toEqual({ mailFrom: FROM, rcptTo: LAUNCH.recipients });
    expect(mail.headers).toMatchObject({ subject: LAUNCH.headline, from: expect.stringContaining(FROM), to: expect.stringContaining('jane@example.com') });
    expect(mail.text).toBe(`${LAUNCH.details}\n\nAlso announced on Slack (C02MARKETNG, ${posted.ts}).`);
    expect(run.output.email).toEqual({ messageId: mail.headers['message-id'], accepted: LAUNCH.recipients });
  });

  it('should reach each peer through direct invocation, recorded as one run with one tool execution each', async () => {
    await connectSlack();
    await connectSmtp();

    const channels = kept(await invoke(sut, 'slack', 'list_channels', { limit: 2 }).expect(201)).body;
    const verified = kept(await invoke(sut, 'smtp', 'verify_connection', {}).expect(201)).body;

    expect(channels).toMatchObject({ agent: 'connector.invoke', status: 'COMPLETED', output: { channels: [{ id: 'C01GENERAL' }, { id: 'C02MARKETNG' }], nextCursor: expect.any(String) } });
    expect(slackApi.requests.map((r) => [r.method, r.path, r.query.get('limit'), r.headers.authorization])).toEqual([['GET', '/api/conversations.list', '2', `Bearer ${SLACK_TOKEN}`]]);
    expect(verified).toMatchObject({ status: 'COMPLETED', output: { verified: true, authenticated: true, host: '127.0.0.1', port: smtp.listeningPort, secure: false } });
    expect(smtp.authAttempts).toBe(1);
    for (const run of [channels, verified]) expect(run.toolExecutions).toHaveLength(1);
  });

  it('should keep the Slack token and the SMTP password out of every answer, run and tool execution', async () => {
    await connectSlack();
    await connectSmtp();
    await announce();
    kept(await sut.http.get('/v1/connectors/slack/credentials').set(bearer(sut.apiKey)).expect(200));
    kept(await sut.http.get('/v1/connectors/smtp/credentials').set(bearer(sut.apiKey)).expect(200));
    kept(await sut.http.get('/v1/runs').set(bearer(sut.apiKey)).expect(200));

    const stored = await Promise.all(['agent_runs', 'tool_executions', 'connector_auths', 'audit_logs'].map((table) => dumpTable(sut.db.url, table)));

    // The dumps hold what was sent (so an empty table cannot pass for a clean one), not how it was authorized.
    expect(stored[1]).toContain(LAUNCH.headline);
    expect(answers.length).toBeGreaterThan(5);
    for (const secret of [SLACK_TOKEN, SMTP_LOGIN.password]) {
      for (const text of [...answers, ...stored]) expect(text).not.toContain(secret.slice(0, -4));
    }
  });
});
