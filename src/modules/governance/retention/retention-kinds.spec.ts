import { retentionCutoffs } from './retention-kinds';

describe('retentionCutoffs', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');
  const config = { runLogsDays: 90, auditLogDays: 365, deletedContentDays: 30, campaignMetricsDays: 0, sweepEveryMinutes: 60, batchSize: 1000 };

  it('should put each kind’s cutoff its period before now, exports at now, and leave out a kind kept forever (0)', () => {
    const sut = retentionCutoffs(config, now);

    expect(Object.fromEntries([...sut].map(([kind, at]) => [kind, at.toISOString()]))).toEqual({
      run_events: '2026-09-02T00:00:00.000Z',
      tool_executions: '2026-09-02T00:00:00.000Z',
      tool_execution_payloads: '2026-09-02T00:00:00.000Z',
      audit_logs: '2025-12-01T00:00:00.000Z',
      deleted_content: '2026-11-01T00:00:00.000Z',
      exports: '2026-12-01T00:00:00.000Z',
    });
  });
});
