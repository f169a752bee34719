import { pollUntil, PollTimeoutError } from './poll';

describe(pollUntil.name, () => {
  it('should answer the first value that satisfies the condition', async () => {
    let reads = 0;

    const sut = await pollUntil(() => ++reads, (n) => n === 3, { what: 'three reads', intervalMs: 1 });

    expect([sut, reads]).toEqual([3, 3]);
  });

  it('should fail at the deadline naming what it awaited and the last value it saw', async () => {
    const sut = pollUntil(async () => ({ status: 'RUNNING' }), (run) => run.status === 'COMPLETED', { what: 'run 42 to finish', timeoutMs: 20, intervalMs: 5 });

    await expect(sut).rejects.toThrow(PollTimeoutError);
    await expect(sut).rejects.toThrow("timed out after 20 ms waiting for run 42 to finish; last seen: { status: 'RUNNING' }");
  });

  it('should fail at once when a read fails', async () => {
    const boom = new Error('connection refused');

    await expect(pollUntil(() => Promise.reject(boom), () => true, { what: 'anything' })).rejects.toBe(boom);
  });
});
