import { withTimeout } from './redis.service';

describe(withTimeout.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should reject naming the operation once the time is up', async () => {
    const sut = withTimeout(new Promise<string>(() => undefined), 250, 'redis ping');
    const settled = sut.then(
      () => 'resolved',
      (error: Error) => error.message,
    );

    await jest.advanceTimersByTimeAsync(249);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);

    await expect(settled).resolves.toBe('redis ping timed out after 250 ms');
  });

  it('should resolve with the value and clear its timer when the operation wins', async () => {
    const sut = withTimeout(Promise.resolve('PONG'), 250, 'redis ping');

    await expect(sut).resolves.toBe('PONG');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('should pass the operation failure through and clear its timer', async () => {
    const sut = withTimeout(Promise.reject(new Error('connection refused')), 250, 'redis ping');

    await expect(sut).rejects.toThrow('connection refused');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('should ignore an operation that settles after the timeout', async () => {
    let resolveLate: (value: string) => void = () => undefined;
    const sut = withTimeout(new Promise<string>((resolve) => (resolveLate = resolve)), 10, 'redis ping');
    const settled = sut.catch((error: Error) => error.message);

    await jest.advanceTimersByTimeAsync(10);
    resolveLate('PONG');

    await expect(settled).resolves.toBe('redis ping timed out after 10 ms');
  });
});
