import type { Tenant } from '../support/tenants';
import { useApiAndWorker } from '../support/api-and-worker';

interface AdsChange {
  budgetChangeId: string;
  campaignId: string;
  beforeMicros: number;
  afterMicros: number;
  changePercent: number;
  limitedBy: string[];
  approval: string;
  status: string;
  executeRunId: string | null;
  reason: string;
}

interface AdsOutput {
  changes: AdsChange[];
  held: Array<{ campaignId: string; reason: string }>;
  totalBeforeMicros: number;
  totalAfterMicros: number;
  guardrails: { maxChangePercent: number; dailyCapMicros: number | null };
  review?: { decision: string };
  notes: string[];
}

interface BudgetChangeRow {
  id: string;
  status: string;
  run_id: string | null;
  customer_id: string;
  external_campaign_id: string;
  campaign_name: string | null;
  before_micros: string;
  after_micros: string;
  change_percent: number;
  applied_at: Date | null;
  error: string | null;
  reason: string | null;
}

const M = 1_000_000;
const CUSTOMER = '123-456-7890';
/** The mock account's search campaign: a 150.00 budget holds it back, at a CPA of about 17.31. */
const SPRING = '21987654321';
/** Changes above 10% wait for a person; the guardrail allows 20%. */
const CONFIG = { approvalPolicies: { 'budget.change': { mode: 'above', threshold: 10 } }, settings: { maxChangePercent: 20 } };

/**
 * The ads agent and its budget-execute stage on the Google Ads mock (whose budgets are per
 * organization: each test has its own), API and worker as separate processes. A target CPA of 18
 * asks about +4% of the search campaign (under the threshold), 25 asks +44% (clamped to +20%, over it).
 */
describe('The ads agent', () => {
  const sut = useApiAndWorker();

  /** An organization of its own: its own mock budgets, outbox and configuration. */
  const tenant = async (settings: object = {}) => {
    const created = await sut.tenant('ads');
    await sut.configure('ads', { ...CONFIG, settings: { ...CONFIG.settings, ...settings } }, created.apiKey);
    return created;
  };
  const start = (who: Tenant, input: object) => sut.http.post('/v1/runs').set(sut.auth(who.apiKey)).send({ agent: 'ads', mode: 'async', input: { customerId: CUSTOMER, ...input } }).expect(202);
  const budgetOf = async (who: Tenant, campaignId = SPRING) =>
    (await sut.http.post('/v1/connectors/google_ads/actions/get_campaign_budget').set(sut.auth(who.apiKey)).send({ customerId: CUSTOMER, campaignId }).expect(201)).body.output.amountMicros as number;
  const rowsOf = async (who: Tenant) => (await sut.sql.query<BudgetChangeRow>('SELECT * FROM budget_changes WHERE organization_id = $1 ORDER BY external_campaign_id', [who.organizationId])).rows;
  const executed = (who: Tenant, change: AdsChange) => sut.untilStatus(change.executeRunId!, ['COMPLETED'], who.apiKey);
  const spring = (output: AdsOutput) => output.changes.find((c) => c.campaignId === SPRING)!;

  it('should apply a change under the approval threshold at once, through a budget-execute run', async () => {
    const who = await tenant();

    const run = await sut.untilStatus<AdsOutput>((await start(who, { targetCpa: 18 })).body.id, ['COMPLETED'], who.apiKey);

    const change = spring(run.output!);
    expect(change).toMatchObject({ approval: 'not-needed', status: 'APPROVED', beforeMicros: 150 * M, limitedBy: [] });
    expect(change.changePercent).toBeGreaterThan(1);
    expect(change.changePercent).toBeLessThan(10);
    expect(run.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'google_ads.get_campaign_metrics', 'runs.start']);
    expect(run.output!.held.map((h) => h.campaignId).sort()).toEqual(['21987654388', '21987654402']);
    const stage = await executed(who, change);
    expect(stage).toMatchObject({ agent: 'budget-execute', parentRunId: run.id, output: { status: 'APPLIED', currentMicros: 150 * M, afterMicros: change.afterMicros } });
    expect(await budgetOf(who)).toBe(change.afterMicros);
    expect(await rowsOf(who)).toEqual([
      expect.objectContaining({ id: change.budgetChangeId, status: 'APPLIED', run_id: run.id, customer_id: '1234567890', campaign_name: 'Spring collection - Search', before_micros: String(150 * M), after_micros: String(change.afterMicros), applied_at: expect.any(Date), error: null }),
    ]);
  });

  it('should clamp a change beyond maxChangePercent, wait for approval, and apply it once approved', async () => {
    const who = await tenant();
    const { id } = (await start(who, { targetCpa: 25 })).body;

    await sut.untilStatus(id, ['AWAITING_APPROVAL'], who.apiKey);
    const approval = await sut.pendingApproval(id, who.apiKey);
    expect(approval!.payload).toMatchObject({ customerId: CUSTOMER, changes: [{ campaignId: SPRING, beforeMicros: 150 * M, afterMicros: 180 * M, changePercent: 20, limitedBy: ['maxChangePercent'] }] });
    expect(await budgetOf(who)).toBe(150 * M);
    expect(await rowsOf(who)).toEqual([]);

    await sut.decide(id, approval!.id, { decision: 'approve' }, who.apiKey);

    const run = await sut.untilStatus<AdsOutput>(id, ['COMPLETED'], who.apiKey);
    const change = spring(run.output!);
    expect(change).toMatchObject({ approval: 'approved', status: 'APPROVED', afterMicros: 180 * M, changePercent: 20, limitedBy: ['maxChangePercent'] });
    expect((await executed(who, change)).output).toMatchObject({ status: 'APPLIED' });
    expect(await budgetOf(who)).toBe(180 * M);
    expect(await rowsOf(who)).toEqual([expect.objectContaining({ status: 'APPLIED', before_micros: String(150 * M), after_micros: String(180 * M), change_percent: 20 })]);
  });

  it('should apply nothing when the reviewer rejects', async () => {
    const who = await tenant();
    const { id } = (await start(who, { targetCpa: 25 })).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL'], who.apiKey);

    await sut.decide(id, (await sut.pendingApproval(id, who.apiKey))!.id, { decision: 'reject' }, who.apiKey);

    const run = await sut.untilStatus<AdsOutput>(id, ['COMPLETED'], who.apiKey);
    expect(spring(run.output!)).toMatchObject({ approval: 'rejected', status: 'REJECTED', executeRunId: null });
    expect(run.toolExecutions.map((s) => s.tool)).not.toContain('runs');
    expect(await budgetOf(who)).toBe(150 * M);
    expect(await rowsOf(who)).toEqual([expect.objectContaining({ status: 'REJECTED', applied_at: null, reason: expect.stringContaining('rejected by the reviewer') })]);
    const children = await sut.sql.query('SELECT id FROM agent_runs WHERE parent_run_id = $1', [id]);
    expect(children.rows).toEqual([]);
  });

  it("should apply the reviewer's edit, clamped to maxChangePercent and said so", async () => {
    const who = await tenant();
    const { id } = (await start(who, { targetCpa: 25 })).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL'], who.apiKey);

    await sut.decide(id, (await sut.pendingApproval(id, who.apiKey))!.id, { decision: 'approve', edits: { changes: [{ campaignId: SPRING, afterMicros: 250 * M }] } }, who.apiKey);

    const run = await sut.untilStatus<AdsOutput>(id, ['COMPLETED'], who.apiKey);
    expect(spring(run.output!)).toMatchObject({ afterMicros: 180 * M, limitedBy: ['maxChangePercent'] });
    expect(run.output!.notes).toEqual(['Spring collection - Search: the edit to 250.00 was limited to 180.00 (maxChangePercent)']);
    await executed(who, spring(run.output!));
    expect(await budgetOf(who)).toBe(180 * M);
  });

  it('should keep the enabled campaigns under the daily cap by trimming the raise', async () => {
    // 150 + 60 = 210 a day today: a cap of 220 leaves 10 of the 30 the rule wants.
    const who = await tenant({ dailyCapMicros: 220 * M });

    const run = await sut.untilStatus<AdsOutput>((await start(who, { targetCpa: 25 })).body.id, ['COMPLETED'], who.apiKey);

    const change = spring(run.output!);
    expect(change).toMatchObject({ afterMicros: 160 * M, limitedBy: ['maxChangePercent', 'dailyCap'], approval: 'not-needed' });
    expect(run.output).toMatchObject({ totalBeforeMicros: 210 * M, totalAfterMicros: 220 * M, guardrails: { maxChangePercent: 20, dailyCapMicros: 220 * M } });
    await executed(who, change);
    expect(await budgetOf(who)).toBe(160 * M);
  });

  it("should not apply a change to a budget someone changed since it was proposed: FAILED 'changed since proposed'", async () => {
    const who = await tenant();
    const { id } = (await start(who, { targetCpa: 25 })).body;
    await sut.untilStatus(id, ['AWAITING_APPROVAL'], who.apiKey);
    // Someone changes the budget in the Ads UI while the change waits for its reviewer.
    await sut.http.post('/v1/connectors/google_ads/actions/update_campaign_budget').set(sut.auth(who.apiKey)).send({ customerId: CUSTOMER, campaignId: SPRING, amountMicros: 170 * M }).expect(201);

    await sut.decide(id, (await sut.pendingApproval(id, who.apiKey))!.id, { decision: 'approve' }, who.apiKey);

    const run = await sut.untilStatus<AdsOutput>(id, ['COMPLETED'], who.apiKey);
    const stage = await executed(who, spring(run.output!));
    expect(stage.output).toMatchObject({ status: 'FAILED', currentMicros: 170 * M, error: expect.stringContaining('changed since proposed') });
    expect(stage.toolExecutions.map((s) => `${s.tool}.${s.action}`)).toEqual(['google_ads.get_campaign_budget']);
    expect(await budgetOf(who)).toBe(170 * M);
    expect(await rowsOf(who)).toEqual([expect.objectContaining({ status: 'FAILED', applied_at: null, error: expect.stringContaining('changed since proposed') })]);
  });

  it('should fail the run and change nothing when Google Ads refuses the authorization', async () => {
    const who = await tenant();
    await sut.http.put('/v1/connectors/mock/failures').set(sut.auth(who.apiKey)).send({ rules: [{ connector: 'google_ads', action: 'get_campaign_metrics', failure: 'AUTH_REVOKED', times: 1 }] }).expect(200);

    const run = await sut.untilStatus((await start(who, { targetCpa: 25 })).body.id, ['FAILED'], who.apiKey);

    expect(run.error).toMatchObject({ class: 'ConnectorError:REAUTH_REQUIRED' });
    expect(await rowsOf(who)).toEqual([]);
    expect(await budgetOf(who)).toBe(150 * M);
  });

  it('should fail a run without a target CPA, and refuse bad input and the internal stage with 400', async () => {
    const who = await tenant();

    const failed = await sut.untilStatus((await start(who, {})).body.id, ['FAILED'], who.apiKey);
    const badCustomer = await sut.http.post('/v1/runs').set(sut.auth(who.apiKey)).send({ agent: 'ads', input: { customerId: '12345', targetCpa: 20 } }).expect(400);
    const partialRange = await sut.http.post('/v1/runs').set(sut.auth(who.apiKey)).send({ agent: 'ads', input: { customerId: CUSTOMER, targetCpa: 20, dateRange: 'THIS_MONTH' } }).expect(400);
    const stage = await sut.http
      .post('/v1/runs')
      .set(sut.auth(who.apiKey))
      .send({ agent: 'budget-execute', input: { budgetChangeId: '7f0c2d9e-0b7a-4c51-9d3e-2b8f6a1c4e10', customerId: CUSTOMER, campaignId: SPRING, beforeMicros: 150 * M, afterMicros: 300 * M } })
      .expect(400);

    expect(failed.error).toMatchObject({ class: 'ValidationFailedError', message: expect.stringContaining('no target CPA') });
    expect(badCustomer.body.message).toContain('input.customerId');
    expect(partialRange.body.message).toContain('input.dateRange');
    expect(stage.body.message).toContain('cannot be run directly');
    expect(await budgetOf(who)).toBe(150 * M);
  });
});
