import { PeriodicTask } from './periodic-task';

describe(PeriodicTask.name, () => {
  it('should never overlap rounds: a round asked for while one runs is that same round', async () => {
    let release!: () => void;
    const round = jest.fn(() => new Promise<number>((resolve) => (release = () => resolve(round.mock.calls.length))));
    const sut = new PeriodicTask(round, 60_000);

    const first = sut.runNow();
    const second = sut.runNow();
    release();

    expect(await first).toBe(1);
    expect(second).toBe(first);
    const next = sut.runNow();
    release();
    expect(await next).toBe(2);
  });

  it('should wait for the round in progress when stopped, and survive a failed round', async () => {
    let finished = false;
    const sut = new PeriodicTask(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
      throw new Error('the database is away');
    }, 60_000);
    sut.start();

    const round = sut.runNow();
    await sut.stop();

    expect(finished).toBe(true);
    await expect(round).rejects.toThrow('the database is away');
  });
});
