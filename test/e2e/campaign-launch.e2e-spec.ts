import { useApiAndWorker, type ApprovalItem } from '../support/api-and-worker';
import { pollUntil } from '../support/poll';

interface CampaignDetail {
  status: string;
  runs: { id: string; agent: string; status: string; parentRunId: string | null }[];
  contents: { id: string; title: string }[];
  sends: { byStatus: Record<string, number>; recent: { toAddress: string; status: string; providerMessageId: string | null }[] };
  posts: { network: string; status: string; externalId: string | null }[];
  metrics: { channel: string; kind: string; total: number }[];
}

const WRITES = new Set(['send_email', 'publish_post', 'publish_image', 'publish_video', 'send_sms', 'send_message']);

/**
 * A campaign's launch end to end, the API and a worker as separate processes on the mock
 * providers and the offline model: content, then email, then social, each a run linked to the
 * campaign, each channel's writes waiting for a person's approval; then its metrics read back.
 */
describe('Campaign launch: content -> email -> social with approvals', () => {
  const sut = useApiAndWorker();
  const demoBrand = async () => (await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.api.organizationId])).rows[0].id as string;
  const detail = async (id: string) => (await sut.http.get(`/v1/campaigns/${id}`).set(sut.auth()).expect(200)).body as CampaignDetail;

  /** Decides every approval of the campaign's runs as it appears, until the campaign leaves LAUNCHING. */
  async function review(campaignId: string, decide: (approval: ApprovalItem, agent: string) => 'approved' | 'rejected'): Promise<{ decided: string[]; campaign: CampaignDetail }> {
    const decided: string[] = [];
    const campaign = await pollUntil(
      async () => {
        const inbox = (await sut.http.get('/v1/approvals?status=pending&limit=100').set(sut.auth()).expect(200)).body.items as ApprovalItem[];
        const runs = (await detail(campaignId)).runs;
        for (const approval of inbox) {
          const run = runs.find((r) => r.id === approval.runId);
          if (!run) continue;
          const decision = decide(approval, run.agent);
          await sut.decide(approval.runId, approval.id, { decision: decision === 'approved' ? 'approve' : 'reject' });
          decided.push(`${run.agent}:${decision}`);
        }
        return detail(campaignId);
      },
      (c) => c.status !== 'LAUNCHING',
      { what: `campaign ${campaignId} to finish launching`, timeoutMs: 90_000, intervalMs: 250 },
    );
    return { decided, campaign };
  }

  it('should chain the steps as runs of the campaign, send and publish only after approval, and read the posts metrics back', async () => {
    await sut.http.delete('/v1/connectors/mock/outbox').set(sut.auth()).expect(204);
    const created = await sut.http
      .post('/v1/campaigns')
      .set(sut.auth())
      .send({ name: 'Launch e2e', goal: 'Sell out the spring single origins', brandId: await demoBrand(), channels: ['email', 'social'], audience: { emails: ['ana@example.com', 'ben@example.com'] }, settings: { networks: ['x', 'linkedin'] } })
      .expect(201);
    const launch = await sut.http.post(`/v1/campaigns/${created.body.id}/launch`).set(sut.auth()).expect(202);

    const { decided, campaign } = await review(created.body.id, () => 'approved');

    expect(campaign.status).toBe('ACTIVE');
    expect(decided.sort()).toEqual(['email:approved', 'social:approved']);
    const byAgent = (agent: string) => campaign.runs.filter((r) => r.agent === agent);
    expect(byAgent('campaign-launch').map((r) => r.id)).toEqual([launch.body.runId]);
    for (const step of ['content', 'email', 'social']) expect(byAgent(step).map((r) => [r.status, r.parentRunId])).toEqual([['COMPLETED', launch.body.runId]]);
    expect(campaign.contents).toHaveLength(1);
    // The stages end after their compose step: wait for every send and publication.
    const settled = await pollUntil(() => detail(created.body.id), (c) => (c.sends.byStatus.SENT ?? 0) === 2 && c.posts.filter((p) => p.status === 'PUBLISHED').length === 2, { what: 'the sends and publications', timeoutMs: 30_000 });
    expect(settled.posts.map((p) => p.network).sort()).toEqual(['LINKEDIN', 'X']);
    expect(settled.posts.every((p) => p.externalId)).toBe(true);
    const writes = (await sut.outbox()).filter((entry) => WRITES.has(entry.action));
    expect(writes.map((w) => `${w.connector}.${w.action}`).sort()).toEqual(['linkedin.publish_post', 'smtp.send_email', 'smtp.send_email', 'x.publish_post'].sort());

    // No outbound write before its approval: each write step began after the approval its compose run waited for was approved.
    const unapproved = await sut.sql.query(
      `SELECT te.id FROM tool_executions te
         JOIN agent_runs stage ON stage.id = te.run_id
         LEFT JOIN run_approvals a ON a.run_id = stage.parent_run_id AND a.status = 'APPROVED' AND a.decided_at <= te.started_at
        WHERE stage.campaign_id = $1 AND te.action = ANY($2) AND a.id IS NULL`,
      [created.body.id, [...WRITES]],
    );
    expect(unapproved.rows).toEqual([]);

    // Metrics read back: the social sync reads each post's counts into the campaign's metrics.
    const sync = await sut.http.post('/v1/runs').set(sut.auth()).send({ agent: 'social-sync', input: {} }).expect(201);
    expect(sync.body.status).toBe('COMPLETED');
    const measured = await detail(created.body.id);
    expect(measured.metrics.find((m) => m.channel === 'email' && m.kind === 'sent')?.total).toBe(2);
    expect(measured.metrics.some((m) => m.channel === 'social')).toBe(true);
    // A deadline for four processes' worth of work on a busy machine, not an expectation of speed.
  }, 120_000);

  it('should send no email when the email step is rejected, and still publish the approved posts', async () => {
    await sut.http.delete('/v1/connectors/mock/outbox').set(sut.auth()).expect(204);
    const created = await sut.http
      .post('/v1/campaigns')
      .set(sut.auth())
      .send({ name: 'Launch rejected email', goal: 'Announce the cold brew', brandId: await demoBrand(), channels: ['email', 'social'], audience: { emails: ['cara@example.com'] }, settings: { networks: ['x'] } })
      .expect(201);
    await sut.http.post(`/v1/campaigns/${created.body.id}/launch`).set(sut.auth()).expect(202);

    const { campaign } = await review(created.body.id, (_approval, agent) => (agent === 'email' ? 'rejected' : 'approved'));

    expect(campaign.status).toBe('ACTIVE');
    const settled = await pollUntil(() => detail(created.body.id), (c) => c.posts.some((p) => p.status === 'PUBLISHED'), { what: 'the post', timeoutMs: 30_000 });
    expect(settled.sends.byStatus.SENT ?? 0).toBe(0);
    const writes = (await sut.outbox()).filter((entry) => WRITES.has(entry.action));
    expect(writes.map((w) => `${w.connector}.${w.action}`)).toEqual(['x.publish_post']);
  }, 120_000);
});
