import { ClsService } from 'nestjs-cls';
import { AuditService } from '../../src/modules/audit/audit.service';
import { RunCommitter, RunNoLongerOwnedError } from '../../src/modules/orchestration/run-committer';
import { RunLedger } from '../../src/modules/orchestration/persistence/run-ledger';
import { useE2eApp } from '../support/e2e-context';

/** The run's business transaction: agent writes and COMPLETED commit together, or neither does. */
describe(RunCommitter.name, () => {
  const app = useE2eApp();
  let sut: RunCommitter;
  let runs: RunLedger;
  let audit: AuditService;
  let cls: ClsService;

  beforeAll(() => {
    sut = app.app.get(RunCommitter);
    runs = app.app.get(RunLedger);
    audit = app.app.get(AuditService);
    cls = app.app.get(ClsService);
  });

  async function runningRun(owner: string) {
    const agentId = await runs.ensureAgent(app.organizationId, 'echo', 'DIAGNOSTIC', 'test');
    return runs.insert({ organizationId: app.organizationId, agentId, agentName: 'echo', mode: 'SYNC', input: {} }, { owner, leaseMs: 30_000 });
  }

  const auditWrite = (runId: string) => () => audit.record({ organizationId: app.organizationId, action: 'test.write', targetType: 'agent_run', targetId: runId });
  const auditRows = async (runId: string) => (await app.sql.query('SELECT 1 FROM audit_logs WHERE target_id = $1', [runId])).rowCount;
  const status = async (runId: string) => (await app.sql.query('SELECT status FROM agent_runs WHERE id = $1', [runId])).rows[0].status;

  it('should commit the writes together with COMPLETED, and answer with the completed row', async () => {
    const run = await runningRun('me');
    const completed = await cls.run(() => sut.commit(run.id, 'me', { ok: true }, [auditWrite(run.id)]));
    expect(await auditRows(run.id)).toBe(1);
    expect(await status(run.id)).toBe('COMPLETED');
    expect(completed).toEqual(expect.objectContaining({ id: run.id, agentName: 'echo', status: 'COMPLETED', output: { ok: true }, attempt: 1 }));
    expect(completed.finishedAt).toBeInstanceOf(Date);
    expect(completed.durationMs).toEqual(expect.any(Number));
  });

  it('should complete a run without writes in one durable statement', async () => {
    const run = await runningRun('me');
    const completed = await cls.run(() => sut.commit(run.id, 'me', { ok: 1 }, []));
    expect(completed).toEqual(expect.objectContaining({ id: run.id, status: 'COMPLETED', output: { ok: 1 } }));
    expect(await status(run.id)).toBe('COMPLETED');
  });

  it('should roll back earlier writes when a later one fails', async () => {
    const run = await runningRun('me');
    const failing = () => Promise.reject(new Error('second write failed'));
    await expect(cls.run(() => sut.commit(run.id, 'me', {}, [auditWrite(run.id), failing]))).rejects.toThrow('second write failed');
    expect(await auditRows(run.id)).toBe(0);
    expect(await status(run.id)).toBe('RUNNING');
  });

  it('should roll the writes back when the run is no longer ours (cancelled or taken over)', async () => {
    const run = await runningRun('someone-else');
    await expect(cls.run(() => sut.commit(run.id, 'me', {}, [auditWrite(run.id)]))).rejects.toThrow(RunNoLongerOwnedError);
    expect(await auditRows(run.id)).toBe(0);

    const cancelled = await runningRun('me');
    await runs.requestCancel(cancelled.id);
    await expect(cls.run(() => sut.commit(cancelled.id, 'me', {}, [auditWrite(cancelled.id)]))).rejects.toThrow(RunNoLongerOwnedError);
    expect(await auditRows(cancelled.id)).toBe(0);
  });
});
