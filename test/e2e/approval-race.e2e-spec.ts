import { RunLedger, type Suspension } from '../../src/modules/orchestration/persistence/run-ledger';
import { DecideApproval } from '../../src/modules/orchestration/waits/decide-approval';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

/**
 * A decision that lands while the run's process is still releasing it (the run RUNNING, its
 * approval already written): the decision finds no AWAITING_APPROVAL run to resume, so the
 * releasing process must see the decision and queue the run itself, or it would wait forever.
 */
describe('An approval decided while its run is being released', () => {
  const sut = useE2eApp();

  it('should queue the run again, with the decision and the reason in its events', async () => {
    const ledger = sut.app.get(RunLedger, { strict: false });
    const decisions = sut.app.get(DecideApproval, { strict: false });
    const release = ledger.suspend.bind(ledger);
    const spy = jest.spyOn(ledger, 'suspend').mockImplementationOnce(async (id: string, owner: string, wait: Suspension) => {
      const { rows } = await sut.sql.query<{ id: string }>('SELECT id FROM run_approvals WHERE run_id = $1', [id]);
      await decisions.decide({ organizationId: sut.organizationId, userId: sut.userId }, id, rows[0].id, { decision: 'approve' });
      return release(id, owner, wait);
    });
    try {
      const res = await sut.http.post('/v1/runs').set(bearer(sut.apiKey)).send({ agent: 'echo', input: { requireApproval: true } }).expect(202);

      expect(res.body.status).toBe('QUEUED');
      const events = await sut.sql.query<{ type: string; data: { reason?: string; decision?: string } }>('SELECT type, data FROM run_events WHERE run_id = $1 ORDER BY id', [res.body.id]);
      expect(events.rows.map((e) => e.type)).toEqual(['run.created', 'run.started', 'run.approval_decided', 'run.approval_requested', 'run.queued']);
      expect(events.rows[2].data.decision).toBe('approved');
      expect(events.rows[4].data.reason).toBe('its approval was decided');
    } finally {
      spy.mockRestore();
    }
  });
});
