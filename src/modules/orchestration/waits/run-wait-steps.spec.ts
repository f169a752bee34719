import { strictDouble } from '../../../../test/support/strict-double';
import type { RunEvents } from '../events/run-events';
import type { RecordingToolProxy } from '../recording-tool-proxy';
import type { ToolExecutionRecord } from '../run.records';
import type { ApprovalRecord, RunApprovals } from './run-approvals';
import { InvalidWaitError, RunWaitSteps } from './run-wait-steps';
import { RunSuspendedSignal } from './run-suspended';

const RUN = { id: 'run-1', organizationId: 'org-1' };

function approval(overrides: Partial<ApprovalRecord & { expiredNow: boolean }> = {}): ApprovalRecord & { expiredNow: boolean } {
  return {
    id: 'approval-1', organizationId: 'org-1', runId: 'run-1', step: 1, title: 'Post it', summary: null, payload: {}, status: 'PENDING',
    expiresAt: null, edits: null, reviewerId: null, comment: null, decidedAt: null, createdAt: new Date(), expiredNow: false, ...overrides,
  };
}

function setup(options: { replayed?: Partial<ToolExecutionRecord> | null; opened?: ApprovalRecord & { expiredNow: boolean } } = {}) {
  const proxy = strictDouble<RecordingToolProxy>('RecordingToolProxy', {
    nextStep: jest.fn(() => 1),
    replayed: jest.fn(async () => (options.replayed ?? null) as ToolExecutionRecord | null),
    recordSettled: jest.fn(async () => undefined),
  });
  const approvals = strictDouble<RunApprovals>('RunApprovals', { open: jest.fn(async () => options.opened ?? approval()) });
  const events = strictDouble<RunEvents>('RunEvents', { append: jest.fn(async () => ({}) as never) });
  return { sut: new RunWaitSteps(proxy, approvals, events, RUN), proxy, approvals, events };
}

describe(RunWaitSteps.name, () => {
  it('should suspend the run until the decision (or the expiry) on a first request', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { sut, approvals } = setup({ opened: approval({ expiresAt }) });

    const asked = sut.approval.request({ title: 'Post it', payload: { text: 'hi', apiKey: 'sk-live-secret' }, expiresInMs: 60_000 });

    await expect(asked).rejects.toBeInstanceOf(RunSuspendedSignal);
    await expect(asked).rejects.toMatchObject({ suspension: { status: 'AWAITING_APPROVAL', wakeAt: expiresAt, event: 'run.approval_requested', approvalId: 'approval-1' } });
    expect(jest.mocked(approvals.open).mock.calls[0][0].payload).not.toMatchObject({ apiKey: 'sk-live-secret' });
  });

  it('should record a decided approval as the step and answer with it, edits included', async () => {
    const decidedAt = new Date();
    const { sut, proxy } = setup({ opened: approval({ status: 'APPROVED', edits: { text: 'edited' }, reviewerId: 'user-1', comment: 'ok', decidedAt }) });

    const decision = await sut.approval.request({ title: 'Post it' });

    expect(decision).toEqual({ approved: true, decision: 'approved', edits: { text: 'edited' }, reviewer: 'user-1', comment: 'ok', decidedAt: decidedAt.toISOString() });
    expect(proxy.recordSettled).toHaveBeenCalledWith(1, 'approval', 'request', { approvalId: 'approval-1', title: 'Post it' }, decision);
  });

  it('should answer an expired request as a rejection and record the expiry event once', async () => {
    const { sut, events } = setup({ opened: approval({ status: 'EXPIRED', decidedAt: new Date(), expiredNow: true }) });

    await expect(sut.approval.request({ title: 'Post it' })).resolves.toMatchObject({ approved: false, decision: 'expired', reviewer: null });
    expect(events.append).toHaveBeenCalledWith(RUN, 'run.approval_decided', { approvalId: 'approval-1', step: 1, decision: 'expired' });
  });

  it('should replay a recorded decision without touching the approvals', async () => {
    const recorded = { approved: false, decision: 'rejected', reviewer: 'user-2', decidedAt: '2026-11-30T00:00:00.000Z' };
    const { sut, approvals } = setup({ replayed: { output: recorded } });

    await expect(sut.approval.request({ title: 'Post it' })).resolves.toEqual(recorded);
    expect(approvals.open).not.toHaveBeenCalled();
  });

  it('should refuse a request without a title or with a bad expiry before taking a step', async () => {
    const { sut, proxy } = setup();
    await expect(sut.approval.request({ title: ' ' })).rejects.toBeInstanceOf(InvalidWaitError);
    await expect(sut.approval.request({ title: 'ok', expiresInMs: -5 })).rejects.toBeInstanceOf(InvalidWaitError);
    await expect(sut.sleep(Number.NaN)).rejects.toBeInstanceOf(InvalidWaitError);
    expect(proxy.nextStep).not.toHaveBeenCalled();
  });

  it('should record the wake-up time of a first sleep and suspend until it', async () => {
    const { sut, proxy } = setup();
    const until = new Date(Date.now() + 86_400_000);

    await expect(sut.sleepUntil(until)).rejects.toMatchObject({ suspension: { status: 'WAITING', wakeAt: until, event: 'run.waiting' } });
    expect(proxy.recordSettled).toHaveBeenCalledWith(1, 'sleep', 'until', { until: until.toISOString() }, { until: until.toISOString() });
  });

  it('should keep the first attempt\'s wake-up time on replay: past, it goes on; still ahead (woken early), it waits again', async () => {
    const past = setup({ replayed: { output: { until: new Date(Date.now() - 1_000).toISOString() } } });
    await expect(past.sut.sleep(60_000)).resolves.toBeUndefined();
    expect(past.proxy.recordSettled).not.toHaveBeenCalled();

    const ahead = new Date(Date.now() + 30_000);
    const early = setup({ replayed: { output: { until: ahead.toISOString() } } });
    await expect(early.sut.sleep(1)).rejects.toMatchObject({ suspension: { status: 'WAITING', wakeAt: ahead } });
  });
});
