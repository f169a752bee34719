/**
 * Part 2 of the agents bench: one campaign per organization, all launched at once, the workers
 * consuming, a reviewer approving every approval it sees; then the check that every write in the
 * mock outbox happened after a person approved it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from 'pg';
import { AGENT_BENCH_SETTINGS } from './agent-samples';
import { call, expectCall, median, type Api } from './agents-http';

export interface CampaignPlan {
  channels: string[];
  emails: string[];
  phones: string[];
  networks: string[];
}

export interface CampaignResult {
  launchToActiveMs: number;
  launchToAllRunsFinalMs: number;
  statuses: Record<string, number>;
  runsByAgent: Record<string, number>;
  runStatuses: Record<string, number>;
  approvalsDecided: number;
  approvalWaitMs: { p50: number; max: number };
  outboxEntries: number;
  violations: string[];
  /** One error message per agent whose runs failed, to tell a bench problem from a product one. */
  failures: string[];
}

const VOICE_EXAMPLES = [
  'Morning, you. Our Huila single-origin just landed: bright cherry, brown sugar, a clean finish. Roasted on Tuesday, in your cup by Friday.',
  'Slow Sunday? Brew a pour-over of our Yirgacheffe and let the jasmine do the talking.',
];
const CAMPAIGN_DONE = ['ACTIVE', 'FAILED', 'COMPLETED'];
const OPEN_RUNS = `('QUEUED','RUNNING','AWAITING_APPROVAL','WAITING')`;

export async function benchCampaignLaunch(url: string, db: Client, tenants: { keys: string[]; organizationIds: string[] }, plan: CampaignPlan, log: (line: string) => void): Promise<CampaignResult> {
  const apis: Api[] = tenants.keys.map((key) => ({ url, auth: { authorization: `Bearer ${key}` } }));
  const campaignIds: string[] = [];
  for (const [i, api] of apis.entries()) {
    // Settings that let a run finish now (SMS quiet hours), approvals left as they are: a person approves every write.
    for (const [agent, settings] of Object.entries(AGENT_BENCH_SETTINGS)) if (plan.channels.includes(agent)) await expectCall(api, 'PUT', `/v1/agents/${agent}/config`, { settings }, 200);
    // A brand of its own per organization, with no knowledge: the seed fills only the demo organization.
    const brand = await expectCall<{ id: string }>(api, 'POST', '/v1/brands', { name: `Bench roaster ${i}`, description: 'Small-batch coffee roaster' }, 201);
    // The content step writes in the brand's default voice and refuses a brand without one.
    await expectCall(api, 'POST', `/v1/brands/${brand.id}/voices`, { name: 'House voice', isDefault: true, tone: ['warm', 'plain'], examples: VOICE_EXAMPLES }, 201);
    const campaign = await expectCall<{ id: string }>(api, 'POST', '/v1/campaigns', {
      name: `Autumn single origins ${i}`,
      goal: 'Sell out the autumn single-origin release to subscribers within two weeks',
      brandId: brand.id,
      channels: plan.channels,
      audience: { ...(plan.channels.includes('email') ? { emails: plan.emails } : {}), ...(plan.channels.includes('sms') ? { phones: plan.phones } : {}) },
      settings: plan.channels.includes('social') ? { networks: plan.networks } : {},
    }, 201);
    campaignIds.push(campaign.id);
  }

  const started = performance.now();
  const launches = await Promise.all(apis.map((api, i) => call(api, 'POST', `/v1/campaigns/${campaignIds[i]}/launch`)));
  const refused = launches.filter((l) => l.status >= 400);
  if (refused.length) throw new Error(`${refused.length} launches refused, e.g. ${refused[0].status} ${JSON.stringify(refused[0].json).slice(0, 200)}`);
  log(`launched ${apis.length} campaigns (${plan.channels.join(' + ')}) in ${(performance.now() - started).toFixed(0)} ms`);

  let decided = 0;
  let launchToActiveMs = NaN;
  const statuses: Record<string, number> = {};
  const deadline = Date.now() + 600_000;
  for (;;) {
    // The reviewer: every pending approval of every organization, approved as soon as it is seen.
    for (const api of apis) {
      const page = await expectCall<{ items: Array<{ id: string; runId: string }> }>(api, 'GET', '/v1/approvals?status=pending&limit=100', undefined, 200);
      for (const approval of page.items) {
        const answer = await call(api, 'POST', `/v1/runs/${approval.runId}/approvals/${approval.id}`, { decision: 'approve' });
        if (answer.status === 200) decided++;
      }
    }
    if (Number.isNaN(launchToActiveMs)) {
      const views = await Promise.all(apis.map((api, i) => expectCall<{ status: string }>(api, 'GET', `/v1/campaigns/${campaignIds[i]}`, undefined, 200)));
      if (views.every((v) => CAMPAIGN_DONE.includes(v.status))) {
        launchToActiveMs = performance.now() - started;
        for (const v of views) statuses[v.status] = (statuses[v.status] ?? 0) + 1;
        log(`every campaign left LAUNCHING after ${(launchToActiveMs / 1000).toFixed(1)} s: ${JSON.stringify(statuses)}`);
      }
    }
    // Stage runs (the sends) may still be going after their campaign is ACTIVE: the outbox is read once they are final.
    const open = await db.query<{ n: string }>(`SELECT count(*) AS n FROM agent_runs WHERE organization_id = ANY($1::uuid[]) AND status::text IN ${OPEN_RUNS}`, [tenants.organizationIds]);
    if (!Number.isNaN(launchToActiveMs) && Number(open.rows[0].n) === 0) break;
    if (Date.now() > deadline) throw new Error(`campaigns not done after 600 s (${open.rows[0].n} runs open)`);
    await delay(100);
  }
  const launchToAllRunsFinalMs = performance.now() - started;

  const byAgent = await db.query<{ name: string; status: string; n: string }>(
    `SELECT a.name, r.status::text AS status, count(*) AS n FROM agent_runs r JOIN agents a ON a.id = r.agent_id
      WHERE r.organization_id = ANY($1::uuid[]) GROUP BY a.name, r.status ORDER BY a.name`,
    [tenants.organizationIds],
  );
  const runsByAgent: Record<string, number> = {};
  const runStatuses: Record<string, number> = {};
  for (const row of byAgent.rows) {
    runsByAgent[row.name] = (runsByAgent[row.name] ?? 0) + Number(row.n);
    runStatuses[row.status] = (runStatuses[row.status] ?? 0) + Number(row.n);
  }
  const failed = await db.query<{ name: string; n: string; message: string | null }>(
    `SELECT a.name, count(*) AS n, min(r.error_message) AS message FROM agent_runs r JOIN agents a ON a.id = r.agent_id
      WHERE r.organization_id = ANY($1::uuid[]) AND r.status::text IN ('FAILED','CANCELLED','TIMED_OUT') GROUP BY a.name`,
    [tenants.organizationIds],
  );
  const failures = failed.rows.map((r) => `${r.name} x${r.n}: ${r.message?.slice(0, 200) ?? 'no message'}`);
  const waits = await db.query<{ ms: string }>(
    `SELECT extract(epoch FROM (decided_at - created_at)) * 1000 AS ms FROM run_approvals WHERE organization_id = ANY($1::uuid[]) AND status = 'APPROVED'`,
    [tenants.organizationIds],
  );
  const waitMs = waits.rows.map((r) => Number(r.ms));
  const { entries, violations } = await outboxViolations(apis, db, tenants.organizationIds);
  return {
    launchToActiveMs,
    launchToAllRunsFinalMs,
    statuses,
    runsByAgent,
    runStatuses,
    approvalsDecided: decided,
    approvalWaitMs: { p50: waitMs.length ? median(waitMs) : NaN, max: waitMs.length ? Math.max(...waitMs) : NaN },
    outboxEntries: entries,
    violations,
    failures,
  };
}

/**
 * Every outbox entry is keyed `<runId>:<step>` (the recording proxy's idempotency key): the write's
 * step must have started after an APPROVED decision on its own run or on a run that started it.
 */
async function outboxViolations(apis: Api[], db: Client, organizationIds: string[]): Promise<{ entries: number; violations: string[] }> {
  const violations: string[] = [];
  let entries = 0;
  for (const [i, api] of apis.entries()) {
    const outbox = await expectCall<Array<{ connector: string; action: string; idempotencyKey: string }>>(api, 'GET', '/v1/connectors/mock/outbox', undefined, 200);
    entries += outbox.length;
    for (const entry of outbox) {
      const [runId, step] = entry.idempotencyKey.split(':');
      const { rows } = await db.query<{ started_at: Date; approved_at: Date | null }>(
        `WITH RECURSIVE lineage AS (SELECT id, parent_run_id FROM agent_runs WHERE id = $1 AND organization_id = $3
                                    UNION ALL SELECT r.id, r.parent_run_id FROM agent_runs r JOIN lineage l ON r.id = l.parent_run_id)
         SELECT te.started_at,
                (SELECT min(a.decided_at) FROM run_approvals a WHERE a.run_id IN (SELECT id FROM lineage) AND a.status = 'APPROVED') AS approved_at
           FROM tool_executions te WHERE te.run_id = $1 AND te.step = $2 AND te.organization_id = $3
          ORDER BY te.attempt LIMIT 1`,
        [runId, Number(step), organizationIds[i]],
      );
      const row = rows[0];
      const problem = !row ? 'no recorded step' : !row.approved_at ? 'no approved approval on its run or a parent' : row.approved_at > row.started_at ? `approved ${row.approved_at.toISOString()} after the write started ${row.started_at.toISOString()}` : undefined;
      if (problem) violations.push(`organization ${i}: ${entry.connector}.${entry.action} (${entry.idempotencyKey}): ${problem}`);
    }
  }
  return { entries, violations };
}
