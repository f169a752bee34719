import { ValidationFailedError } from '../../common/errors/domain-errors';
import type { ApprovalDecision } from '../agents/run-waits';
import type { CampaignFigures } from './budget-rules';
import { budgetReviewRequest, type PlannedChange, reviewedChanges } from './budget-review';

const M = 1_000_000;
const GUARDRAILS = { maxChangePercent: 20, dailyCapMicros: 400 * M };

const figures = (id: string, budget: number): CampaignFigures => ({ campaignId: id, name: `C${id}`, status: 'ENABLED', budgetMicros: budget * M, costMicros: 700 * M, conversions: 50, days: 7 });
const CAMPAIGNS = [figures('1', 100), figures('2', 100), figures('3', 100)];

function planned(id: string, after: number): PlannedChange {
  return { budgetChangeId: `bc-${id}`, campaignId: id, name: `C${id}`, beforeMicros: 100 * M, afterMicros: after * M, changePercent: after - 100, cpaMicros: 14 * M, reason: 'raised', limitedBy: [] };
}

const decision = (over: Partial<ApprovalDecision>): ApprovalDecision => ({ approved: true, decision: 'approved', reviewer: 'user-1', decidedAt: '2026-12-01T10:00:00.000Z', ...over });

describe(reviewedChanges.name, () => {
  const review = [planned('1', 120), planned('2', 115)];

  it('should approve the changes as proposed when the reviewer sent no changes', async () => {
    const sut = await reviewedChanges(decision({}), review, CAMPAIGNS, [], GUARDRAILS);

    expect(sut).toEqual({ approved: review, declined: [], notes: [] });
  });

  it.each(['rejected', 'expired'] as const)('should decline every change when %s', async (outcome) => {
    const sut = await reviewedChanges(decision({ approved: false, decision: outcome, reviewer: null }), review, CAMPAIGNS, [], GUARDRAILS);

    expect(sut.approved).toEqual([]);
    expect(sut.declined.map((c) => [c.campaignId, c.why])).toEqual([
      ['1', `${outcome} by the reviewer`],
      ['2', `${outcome} by the reviewer`],
    ]);
  });

  it('should make the edited amounts, remove the changes left out, and ignore edits of campaigns not listed', async () => {
    const edits = { changes: [{ campaignId: '1', afterMicros: 110 * M }, { campaignId: '3', afterMicros: 50 * M }] };

    const sut = await reviewedChanges(decision({ edits }), review, CAMPAIGNS, [], GUARDRAILS);

    expect(sut.approved).toEqual([expect.objectContaining({ budgetChangeId: 'bc-1', afterMicros: 110 * M, changePercent: 10, reason: 'raised; set to 110.00 by the reviewer' })]);
    expect(sut.declined).toEqual([expect.objectContaining({ budgetChangeId: 'bc-2', why: 'removed by the reviewer' })]);
    expect(sut.notes).toEqual(['edit for campaign 3 ignored: it was not among the changes to review']);
  });

  it('should clamp an edit beyond maxChangePercent and trim edits over the daily cap, counting the changes made without review', async () => {
    const edits = { changes: [{ campaignId: '1', afterMicros: 180 * M }, { campaignId: '2', afterMicros: 115 * M }] };
    // Campaign 3 already went to 120 without review: 120 + 120 + 115 = 355 against a cap of 340.
    const unreviewed = [{ ...planned('3', 120) }];

    const sut = await reviewedChanges(decision({ edits }), review, CAMPAIGNS, unreviewed, { maxChangePercent: 20, dailyCapMicros: 340 * M });

    expect(sut.approved.map((c) => [c.campaignId, c.afterMicros / M, c.limitedBy])).toEqual([
      ['1', 105, ['maxChangePercent', 'dailyCap']],
      ['2', 115, []],
    ]);
    expect(sut.notes).toEqual(['C1: the edit to 180.00 was limited to 105.00 (maxChangePercent, dailyCap)']);
  });

  it('should decline an edited change the cap leaves no room for', async () => {
    const edits = { changes: [{ campaignId: '1', afterMicros: 120 * M }] };

    const sut = await reviewedChanges(decision({ edits }), [planned('1', 120)], CAMPAIGNS, [], { maxChangePercent: 20, dailyCapMicros: 300 * M });

    expect(sut.approved).toEqual([]);
    expect(sut.declined).toEqual([expect.objectContaining({ budgetChangeId: 'bc-1', why: expect.stringContaining('the daily cap of 300.00 leaves no room') })]);
  });

  it('should refuse malformed edits rather than guess', async () => {
    const refused = await reviewedChanges(decision({ edits: { changes: [{ campaignId: '1', afterMicros: 'lots' }] } }), review, CAMPAIGNS, [], GUARDRAILS).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ValidationFailedError);
    expect((refused as ValidationFailedError).fields).toEqual(['edits.changes.0.afterMicros']);
  });
});

describe(budgetReviewRequest.name, () => {
  it('should list the changes for the reviewer with the guardrails and totals', () => {
    const sut = budgetReviewRequest('123-456-7890', [planned('1', 120)], { changes: [], held: [], totalBeforeMicros: 300 * M, totalAfterMicros: 320 * M }, GUARDRAILS, 60_000);

    expect(sut).toMatchObject({
      title: 'Change 1 campaign budget of Google Ads account 123-456-7890',
      summary: expect.stringContaining('C1: 100.00 -> 120.00 (+20%)'),
      payload: { customerId: '123-456-7890', changes: [{ budgetChangeId: 'bc-1', campaignId: '1', beforeMicros: 100 * M, afterMicros: 120 * M }], guardrails: GUARDRAILS, totalAfterMicros: 320 * M },
      expiresInMs: 60_000,
    });
  });
});
