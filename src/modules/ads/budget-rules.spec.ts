import { applyGuardrails, type CampaignFigures, proposeBudgetChanges } from './budget-rules';

const M = 1_000_000;
const NO_CAP = { maxChangePercent: 20, dailyCapMicros: null };

/** A week of figures: `cpa` per conversion, spending `share` of a `budget` a day. */
function campaign(id: string, budget: number, cpa: number, share: number, status = 'ENABLED'): CampaignFigures {
  const costMicros = Math.round(budget * M * share * 7);
  return { campaignId: id, name: `Campaign ${id}`, status, budgetMicros: budget * M, costMicros, conversions: costMicros / (cpa * M), days: 7 };
}

describe(proposeBudgetChanges.name, () => {
  it('should raise a campaign under the target CPA that spends its budget, by how far it is under', () => {
    const sut = proposeBudgetChanges([campaign('1', 100, 16, 0.95)], 20 * M, { maxChangePercent: 50, dailyCapMicros: null });

    expect(sut.changes).toEqual([expect.objectContaining({ campaignId: '1', beforeMicros: 100 * M, afterMicros: 125 * M, changePercent: 25, cpaMicros: 16 * M, limitedBy: [] })]);
    expect(sut.changes[0].reason).toBe('CPA 16.00 against a target of 20.00, spending 95% of its budget: raised');
    expect(sut).toMatchObject({ totalBeforeMicros: 100 * M, totalAfterMicros: 125 * M, held: [] });
  });

  it('should hold a campaign under the target that does not spend its budget', () => {
    const sut = proposeBudgetChanges([campaign('1', 100, 10, 0.5)], 20 * M, NO_CAP);

    expect(sut.changes).toEqual([]);
    expect(sut.held).toEqual([{ campaignId: '1', name: 'Campaign 1', reason: 'CPA 10.00 against a target of 20.00, but it spends 50% of its budget: more would not be spent' }]);
  });

  it('should lower a campaign over the target whatever it spends, by the share its CPA is too high', () => {
    const sut = proposeBudgetChanges([campaign('1', 100, 25, 0.3)], 20 * M, NO_CAP);

    expect(sut.changes).toEqual([expect.objectContaining({ afterMicros: 80 * M, changePercent: -20, limitedBy: [] })]);
  });

  it('should clamp a change beyond maxChangePercent either way and say so', () => {
    const sut = proposeBudgetChanges([campaign('up', 100, 10, 1), campaign('down', 50, 40, 1)], 20 * M, NO_CAP);

    expect(sut.changes).toEqual([
      expect.objectContaining({ campaignId: 'up', afterMicros: 120 * M, changePercent: 20, limitedBy: ['maxChangePercent'] }),
      expect.objectContaining({ campaignId: 'down', afterMicros: 40 * M, changePercent: -20, limitedBy: ['maxChangePercent'] }),
    ]);
  });

  it('should cut a campaign that spends without converting by the most allowed', () => {
    const sut = proposeBudgetChanges([{ campaignId: '1', name: 'Zero', status: 'ENABLED', budgetMicros: 30 * M, costMicros: 150 * M, conversions: 0, days: 7 }], 20 * M, NO_CAP);

    expect(sut.changes).toEqual([expect.objectContaining({ afterMicros: 24 * M, changePercent: -20, cpaMicros: null, reason: 'spent 150.00 without a conversion', limitedBy: ['maxChangePercent'] })]);
  });

  it('should hold paused campaigns, campaigns without spend and changes under 1%, and leave paused budgets out of the totals', () => {
    const sut = proposeBudgetChanges(
      [campaign('paused', 100, 10, 1, 'PAUSED'), { ...campaign('idle', 40, 10, 1), costMicros: 0 }, campaign('close', 100, 19.9, 1)],
      20 * M,
      NO_CAP,
    );

    expect(sut.changes).toEqual([]);
    expect(sut.held.map((h) => [h.campaignId, h.reason])).toEqual([
      ['paused', 'campaign is paused'],
      ['idle', 'no spend over the period'],
      ['close', 'CPA 19.90 against a target of 20.00, spending 100% of its budget: raised, but by under 1%: held'],
    ]);
    expect(sut.totalBeforeMicros).toBe(140 * M);
  });

  it('should keep the budgets under the daily cap by trimming raises, the least efficient first, cuts making room', () => {
    const campaigns = [campaign('cheap', 100, 10, 1), campaign('dear', 100, 18, 1), campaign('over', 50, 25, 1)];

    const sut = proposeBudgetChanges(campaigns, 20 * M, { maxChangePercent: 20, dailyCapMicros: 270 * M });

    // Wanted: cheap +20, dear +11.11, over -10: 271.11 > 270; dear (CPA 18) gives up 1.11 first.
    expect(sut.changes.map((c) => [c.campaignId, c.afterMicros / M, c.limitedBy])).toEqual([
      ['cheap', 120, ['maxChangePercent']],
      ['dear', 110, ['dailyCap']],
      ['over', 40, []],
    ]);
    expect(sut.totalAfterMicros).toBe(270 * M);
  });

  it('should hold a raise the cap leaves no room for, and never deepen a cut to meet the cap', () => {
    const sut = proposeBudgetChanges([campaign('up', 100, 10, 1), campaign('flat', 100, 20, 0.2)], 20 * M, { maxChangePercent: 20, dailyCapMicros: 150 * M });

    expect(sut.changes).toEqual([]);
    expect(sut.held.find((h) => h.campaignId === 'up')?.reason).toContain('the daily cap of 150.00 leaves no room');
    expect(sut.totalAfterMicros).toBe(200 * M);
  });

  it('should answer whole cents, rounding raises down and cuts up', () => {
    const sut = proposeBudgetChanges([campaign('up', 33.33, 17, 1), campaign('down', 33.33, 23, 1)], 20 * M, { maxChangePercent: 50, dailyCapMicros: null });

    for (const change of sut.changes) expect(change.afterMicros % 10_000).toBe(0);
    const [up, down] = sut.changes;
    expect(up.afterMicros).toBeLessThanOrEqual(33.33 * M * (20 / 17));
    expect(down.afterMicros).toBeGreaterThanOrEqual(33.33 * M * (20 / 23));
  });
});

describe(applyGuardrails.name, () => {
  it("should clamp a reviewer's edit beyond maxChangePercent and fit it under the cap", () => {
    const campaigns = [campaign('a', 100, 10, 1), campaign('b', 100, 10, 1)];
    const edited = [{ campaignId: 'a', name: 'A', beforeMicros: 100 * M, afterMicros: 300 * M, changePercent: 200, cpaMicros: 10 * M, reason: 'edited', limitedBy: [] }];

    const sut = applyGuardrails(campaigns, edited, [], { maxChangePercent: 25, dailyCapMicros: 215 * M });

    expect(sut.changes).toEqual([expect.objectContaining({ campaignId: 'a', afterMicros: 115 * M, changePercent: 15, limitedBy: ['maxChangePercent', 'dailyCap'] })]);
    expect(sut.totalAfterMicros).toBe(215 * M);
  });
});
