import { Allow, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Response } from 'supertest';
import { loadConfig } from '../../src/config/app-config';
import { type EffectiveAgentConfig, needsApproval } from '../../src/modules/agent-config/agent-config.types';
import { AgentConfigs } from '../../src/modules/agent-config/agent-configs';
import { Agent } from '../../src/modules/agents/agent.decorator';
import type { AgentHandler, AgentRunContext } from '../../src/modules/agents/agent.types';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

const PROBE = 'test-config-probe';
const WRITES = ['email.send', 'budget.change'];

class ProbeInput {
  /** Draft a line with the model (the configured one unless `model` names another). */
  @IsOptional()
  @IsBoolean()
  draft?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  recipients?: number;
}

/** An agent that declares two writes and reports the configuration it read through its tool, as a channel agent would use it. */
@Agent({ name: PROBE, kind: 'EMAIL', description: 'Test agent: reads its configuration', input: ProbeInput, tools: ['agent_config.read', 'llm.generate'], writes: WRITES, policy: { maxAttempts: 1 } })
class ConfigProbeAgent implements AgentHandler<ProbeInput> {
  async run(input: ProbeInput, context: AgentRunContext) {
    const config = await context.tools.call<EffectiveAgentConfig>('agent_config', 'read', { agent: PROBE });
    const model = input.model ?? config.model ?? undefined;
    const draft = input.draft ? await context.model.generateText({ prompt: 'A subject line for the spring sale', model, temperature: config.temperature ?? undefined }) : undefined;
    return { config, draftModel: draft?.model ?? null, sendNeedsApproval: needsApproval(config, 'email.send', input.recipients) };
  }
}

const TUNER = 'test-config-tuner';

class TuneInput {
  @IsString()
  field!: string;

  @Allow()
  after!: unknown;
}

/** Changes the probe's configuration as the learning agent does: through AgentConfigs, in the run's commit. */
@Agent({ name: TUNER, kind: 'ANALYTICS', description: "Test agent: changes the probe's configuration", input: TuneInput, tools: [], policy: { maxAttempts: 1 } })
class ConfigTunerAgent implements AgentHandler<TuneInput> {
  constructor(private readonly configs: AgentConfigs) {}

  async run(input: TuneInput, context: AgentRunContext) {
    const change = { field: input.field, after: input.after, reason: 'shorter subject lines opened better', source: 'learning' as const, runId: context.runId };
    context.onCommit(async () => void (await this.configs.applyChange(context.organizationId, PROBE, change)));
    return { asked: input.field };
  }
}

describe('Agent configuration (/v1/agents/:name/config)', () => {
  const sut = useE2eApp({
    providers: [ConfigProbeAgent, ConfigTunerAgent],
    config: () => ({ llm: { ...loadConfig().llm, allowedModels: ['offline-template', 'offline-large'] }, agents: { maxTemperature: 1.5 } }),
  });
  let validator: OpenApiResponseValidator;

  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
  });

  const conforms = (method: string, path: string, res: Response) => expect(validator.errors(method, path, res.status, res.body)).toBeNull();
  const errorBody = (status: number) => ({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  const configPath = (agent = PROBE) => `/v1/agents/${agent}/config`;
  const get = (key: string, agent = PROBE) => sut.http.get(configPath(agent)).set(bearer(key));
  const put = (key: string, body: object, ifMatch?: string, agent = PROBE) => {
    const req = sut.http.put(configPath(agent)).set(bearer(key));
    return (ifMatch !== undefined ? req.set('If-Match', ifMatch) : req).send(body);
  };
  const changes = (key: string, query = '') => sut.http.get(`${configPath()}/changes${query}`).set(bearer(key));
  const revert = (key: string, changeId: string) => sut.http.post(`${configPath()}/changes/${changeId}/revert`).set(bearer(key));
  const run = (key: string, input: object = {}) => sut.http.post('/v1/runs').set(bearer(key)).send({ agent: PROBE, input });
  const createBrand = async (key: string) => (await sut.http.post('/v1/brands').set(bearer(key)).send({ name: `Brand ${Math.random()}` }).expect(201)).body.id as string;

  it('should answer the safe defaults for an agent never configured: enabled, every declared write approved by a person', async () => {
    const tenant = await sut.tenant('config-defaults');
    const res = await get(tenant.apiKey).expect(200);
    conforms('GET', '/v1/agents/{name}/config', res);
    expect(res.body).toEqual({
      agent: PROBE,
      enabled: true,
      model: null,
      temperature: null,
      brandId: null,
      connections: {},
      approvalPolicies: { 'email.send': { mode: 'always' }, 'budget.change': { mode: 'always' } },
      promptHints: [],
      settings: {},
      version: 0,
      updatedAt: null,
      connectionStates: {},
      capability: { kind: 'EMAIL', writes: WRITES, tools: ['agent_config.read', 'llm.generate'] },
    });
  });

  it('should answer 404 for an agent that is not registered', async () => {
    expect((await get(sut.apiKey, 'no-such-agent').expect(404)).body).toEqual(errorBody(404));
    expect((await put(sut.apiKey, {}, undefined, 'no-such-agent').expect(404)).body).toEqual(errorBody(404));
  });

  it('should store a whole configuration, answer it with defaults filled in, and record one change per field with an audit row', async () => {
    const brandId = await createBrand(sut.apiKey);
    const body = {
      enabled: true,
      model: 'offline-large',
      temperature: 0.4,
      brandId,
      connections: { email: 'gmail', sms: 'twilio' },
      approvalPolicies: { 'email.send': { mode: 'above', threshold: 100 } },
      promptHints: ['Keep subject lines under 50 characters'],
      settings: { sendHour: 9 },
    };
    const saved = await put(sut.apiKey, body).expect(200);
    conforms('PUT', '/v1/agents/{name}/config', saved);
    expect(saved.body).toMatchObject({
      ...body,
      approvalPolicies: { 'email.send': { mode: 'above', threshold: 100 }, 'budget.change': { mode: 'always' } },
      version: 1,
      updatedAt: expect.any(String),
      connectionStates: { email: { connector: 'gmail', connected: true }, sms: { connector: 'twilio', connected: true } },
    });
    expect((await get(sut.apiKey).expect(200)).body).toEqual(saved.body);

    // The same body again changes nothing: no new version, no change rows.
    expect((await put(sut.apiKey, body).expect(200)).body.version).toBe(1);
    const listed = await changes(sut.apiKey).expect(200);
    conforms('GET', '/v1/agents/{name}/config/changes', listed);
    expect(listed.body.items.map((c: { field: string }) => c.field).sort()).toEqual(['approvalPolicies', 'brandId', 'connections', 'model', 'promptHints', 'settings', 'temperature']);
    expect(listed.body.items.find((c: { field: string }) => c.field === 'temperature')).toMatchObject({ before: null, after: 0.4, source: 'person', userId: sut.userId, runId: null, revertedAt: null });
    const audit = await sut.sql.query("SELECT metadata FROM audit_logs WHERE organization_id = $1 AND action = 'agent_config.changed' AND target_type = 'agent_config'", [sut.organizationId]);
    expect(audit.rows).toEqual([{ metadata: expect.objectContaining({ agent: PROBE, version: 1, source: 'person' }) }]);
  });

  it.each([
    ['a temperature above AGENT_MAX_TEMPERATURE', { temperature: 1.6 }, /temperature must be at most 1.5/],
    ['a model the deployment does not allow', { model: 'gpt-4o' }, /model gpt-4o is not allowed in this deployment; allowed: offline-template, offline-large/],
    ['an approval policy for an action the agent does not declare', { approvalPolicies: { 'sms.send': { mode: 'never' } } }, /no write action sms.send \(its writes: email.send, budget.change\)/],
    ['an unknown connector', { connections: { email: 'carrier_pigeon' } }, /connector carrier_pigeon does not serve channel email .*gmail/],
    ['a connector of another channel', { connections: { email: 'twilio' } }, /connector twilio does not serve channel email/],
    ['an unknown channel', { connections: { fax: 'gmail' } }, /unknown channel fax/],
    ['mode above without a threshold', { approvalPolicies: { 'email.send': { mode: 'above' } } }, /approvalPolicies.email.send.threshold is needed with mode above/],
    ['a negative threshold', { approvalPolicies: { 'budget.change': { mode: 'above', threshold: -5 } } }, /approvalPolicies.budget.change.threshold must be a number of at least 0/],
    ['an unknown approval mode', { approvalPolicies: { 'email.send': { mode: 'sometimes' } } }, /approvalPolicies.email.send.mode must be one of always, never, above/],
    ['a property that does not exist', { colour: 'red' }, /property colour should not exist/],
    ['too many prompt hints', { promptHints: Array.from({ length: 21 }, (_, i) => `hint ${i}`) }, /promptHints must contain no more than 20 elements/],
    ['a prompt hint too long', { promptHints: ['x'.repeat(501)] }, /promptHints/],
  ])('should answer 400 with the error body, and change nothing, for %s', async (_, body, message) => {
    const tenant = await sut.tenant('config-400');
    const res = await put(tenant.apiKey, body).expect(400);
    expect(res.body).toEqual(errorBody(400));
    expect(res.body.message).toMatch(message);
    expect((await get(tenant.apiKey).expect(200)).body.version).toBe(0);
  });

  it("should answer 404 for another organization's brand", async () => {
    const other = await sut.tenant('config-brand');
    const theirs = await createBrand(other.apiKey);
    const tenant = await sut.tenant('config-brand-caller');
    const res = await put(tenant.apiKey, { brandId: theirs }).expect(404);
    expect(res.body).toEqual({ ...errorBody(404), message: `brand ${theirs} not found` });
  });

  it('should replace only the version named by If-Match, and answer 409 for another', async () => {
    const tenant = await sut.tenant('config-if-match');
    await put(tenant.apiKey, { temperature: 0.3 }, '0').expect(200);
    const stale = await put(tenant.apiKey, { temperature: 0.9 }, '0').expect(409);
    expect(stale.body).toEqual({ ...errorBody(409), message: expect.stringMatching(/is at version 1, not 0/) });
    const current = await put(tenant.apiKey, { temperature: 0.9 }, '"1"').expect(200);
    expect(current.body).toMatchObject({ temperature: 0.9, version: 2 });
    expect((await put(tenant.apiKey, {}, 'latest').expect(400)).body.message).toMatch(/If-Match/);
  });

  it('should list changes newest first a page at a time, revert one, and refuse a second revert or one of a field changed since', async () => {
    const tenant = await sut.tenant('config-revert');
    await put(tenant.apiKey, { temperature: 0.2 }).expect(200);
    await put(tenant.apiKey, { temperature: 0.5 }).expect(200);

    const first = await changes(tenant.apiKey, '?limit=1').expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ field: 'temperature', before: 0.2, after: 0.5 })]);
    const second = await changes(tenant.apiKey, `?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ field: 'temperature', before: null, after: 0.2 })], nextCursor: null });
    const [newest, oldest] = [first.body.items[0].id, second.body.items[0].id];

    const changedSince = await revert(tenant.apiKey, oldest).expect(409);
    expect(changedSince.body.message).toMatch(/temperature changed since/);

    const reverted = await revert(tenant.apiKey, newest).expect(200);
    conforms('POST', '/v1/agents/{name}/config/changes/{changeId}/revert', reverted);
    expect(reverted.body.config).toMatchObject({ temperature: 0.2, version: 3 });
    expect(reverted.body.change).toMatchObject({ field: 'temperature', before: 0.5, after: 0.2, source: 'revert', userId: tenant.userId, reason: `revert of change ${newest}` });
    expect((await get(tenant.apiKey).expect(200)).body.temperature).toBe(0.2);

    expect((await revert(tenant.apiKey, newest).expect(409)).body.message).toMatch(/already reverted/);
    const listed = await changes(tenant.apiKey).expect(200);
    expect(listed.body.items.map((c: { source: string; revertedAt: string | null }) => [c.source, c.revertedAt !== null])).toEqual([
      ['revert', false],
      ['person', true],
      ['person', false],
    ]);
    const audit = await sut.sql.query("SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND action = 'agent_config.reverted'", [tenant.organizationId]);
    expect(audit.rows[0].n).toBe(1);

    // Another organization's change is not found, nor is a cursor this API never issued accepted.
    const other = await sut.tenant('config-revert-other');
    expect((await revert(other.apiKey, newest).expect(404)).body).toEqual(errorBody(404));
    expect((await changes(tenant.apiKey, '?cursor=bm90LWEtdXVpZA').expect(400)).body.message).toMatch(/cursor/);
  });

  it('should refuse a run of an agent the organization disabled with 409 before the run exists, and run it again once enabled', async () => {
    const tenant: Tenant = await sut.tenant('config-disabled');
    await put(tenant.apiKey, { enabled: false }).expect(200);
    const refused = await run(tenant.apiKey).expect(409);
    expect(refused.body).toEqual({ ...errorBody(409), message: `agent ${PROBE} is disabled for this organization; enable it with PUT /v1/agents/${PROBE}/config` });
    const runs = await sut.sql.query('SELECT count(*)::int AS n FROM agent_runs WHERE organization_id = $1', [tenant.organizationId]);
    expect(runs.rows[0].n).toBe(0);

    await put(tenant.apiKey, { enabled: true }).expect(200);
    expect((await run(tenant.apiKey).expect(201)).body.status).toBe('COMPLETED');
  });

  it('should give a run the configuration that was PUT through the agent_config.read tool, as a recorded step', async () => {
    const tenant = await sut.tenant('config-tool');
    const saved = await put(tenant.apiKey, { temperature: 0.7, promptHints: ['Mention free shipping'], approvalPolicies: { 'email.send': { mode: 'above', threshold: 10 } }, settings: { sendHour: 8 } }).expect(200);

    const res = await run(tenant.apiKey, { recipients: 5 }).expect(201);
    expect(res.body.status).toBe('COMPLETED');
    const { connectionStates: _states, capability: _capability, updatedAt: _updatedAt, ...effective } = saved.body;
    expect(res.body.output.config).toEqual(effective);
    expect(res.body.output.sendNeedsApproval).toBe(false);
    expect(res.body.toolExecutions).toEqual([expect.objectContaining({ tool: 'agent_config', action: 'read', status: 'SUCCEEDED', input: { agent: PROBE } })]);
    expect((await run(tenant.apiKey, { recipients: 50 }).expect(201)).body.output.sendNeedsApproval).toBe(true);
  });

  it('should call the model the configuration chose, and fail a run that names a model the deployment does not allow', async () => {
    const tenant = await sut.tenant('config-model');
    await put(tenant.apiKey, { model: 'offline-large' }).expect(200);

    const res = await run(tenant.apiKey, { draft: true }).expect(201);
    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.output.draftModel).toBe('offline-large');
    const llmStep = res.body.toolExecutions.find((s: { tool: string }) => s.tool === 'llm');
    expect(llmStep).toMatchObject({ action: 'generate', input: expect.objectContaining({ model: 'offline-large' }), modelUsage: expect.objectContaining({ model: 'offline-large' }) });

    const refused = await run(tenant.apiKey, { draft: true, model: 'gpt-4o' }).expect(201);
    expect(refused.body).toMatchObject({ status: 'FAILED', error: { class: 'ModelNotAllowedError:INVALID_REQUEST', message: expect.stringMatching(/model gpt-4o is not allowed in this deployment/) } });
  });

  it("should apply the learning agent's change in its run's commit, revertible like a person's, and refuse an invalid one with the run", async () => {
    const tenant = await sut.tenant('config-learning');
    const tune = (field: string, after: unknown) => sut.http.post('/v1/runs').set(bearer(tenant.apiKey)).send({ agent: TUNER, input: { field, after } }).expect(201);

    const tuned = await tune('promptHints', ['Keep subject lines short']);
    expect(tuned.body.status).toBe('COMPLETED');
    const [change] = (await changes(tenant.apiKey).expect(200)).body.items;
    expect(change).toMatchObject({ field: 'promptHints', before: [], after: ['Keep subject lines short'], source: 'learning', runId: tuned.body.id, userId: null, reason: 'shorter subject lines opened better' });
    expect((await get(tenant.apiKey).expect(200)).body).toMatchObject({ promptHints: ['Keep subject lines short'], version: 1 });

    await revert(tenant.apiKey, change.id).expect(200);
    expect((await get(tenant.apiKey).expect(200)).body).toMatchObject({ promptHints: [], version: 2 });

    // Three failures, the agent's circuit threshold: a fourth would be refused before it runs.
    for (const [field, after, message] of [
      ['temperature', 1.9, /temperature must be at most 1.5/],
      ['approvalPolicies', { 'email.send': { mode: 'above', threshold: -1 } }, /threshold must be a number of at least 0/],
      ['colour', 'red', /colour is not a configuration field/],
    ] as const) {
      const failed = await tune(field, after);
      expect(failed.body).toMatchObject({ status: 'FAILED', error: { message: expect.stringMatching(message) } });
    }
    expect((await get(tenant.apiKey).expect(200)).body.version).toBe(2);
  });
});
