import { KeyedCircuitBreaker } from './keyed-circuit-breaker';

class Refused extends Error {
  constructor(readonly retryAfterMs: number) {
    super('refused');
  }
}

class Ignored extends Error {}

const fail = () => Promise.reject(new Error('boom'));
const refuse = (retryAfterMs: number) => new Refused(retryAfterMs);

describe(KeyedCircuitBreaker.name, () => {
  let onStateChange: jest.Mock;
  let onFailure: jest.Mock;
  let sut: KeyedCircuitBreaker;

  const open = async (key: string) => {
    for (let i = 0; i < 3; i++) await sut.execute(key, fail, refuse).catch(() => undefined);
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z') });
    onStateChange = jest.fn();
    onFailure = jest.fn();
    sut = new KeyedCircuitBreaker({ failureThreshold: 3, halfOpenAfterMs: 10_000, counts: (e) => !(e instanceof Ignored), onStateChange, onFailure });
  });
  afterEach(() => jest.useRealTimers());

  it('should report a new key as closed', () => {
    expect(sut.state('a')).toBe('closed');
    expect(sut.retryAfterMs('a')).toBe(0);
    expect(onStateChange).toHaveBeenCalledWith('a', 'closed');
  });

  it('should open after the threshold and refuse with the error built from the wait left', async () => {
    await open('a');
    jest.advanceTimersByTime(4_000);

    const refused = await sut.execute('a', () => Promise.resolve('never'), refuse).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(Refused);
    expect((refused as Refused).retryAfterMs).toBe(6_000);
    expect(sut.state('a')).toBe('open');
    expect(sut.retryAfterMs('a')).toBe(6_000);
    expect(onFailure).toHaveBeenCalledTimes(3);
    expect(onStateChange).toHaveBeenLastCalledWith('a', 'open');
  });

  it('should answer 0 once the break has elapsed although the state still reads open', async () => {
    await open('a');
    jest.advanceTimersByTime(10_001);

    expect(sut.state('a')).toBe('open');
    expect(sut.retryAfterMs('a')).toBe(0);
  });

  it('should let one probe through after the break and close on its success', async () => {
    await open('a');
    jest.advanceTimersByTime(10_001);

    await expect(sut.execute('a', () => Promise.resolve('probe'), refuse)).resolves.toBe('probe');
    expect(sut.state('a')).toBe('closed');
    expect(onStateChange).toHaveBeenCalledWith('a', 'halfOpen');
  });

  it('should hold other requests until the probe fails, then refuse them', async () => {
    await open('a');
    jest.advanceTimersByTime(10_001);
    let failProbe: (error: Error) => void = () => undefined;
    const probeResult = new Promise<string>((_, reject) => (failProbe = reject));
    const probe = sut.execute('a', () => probeResult, refuse);
    const waiting = sut.execute('a', () => Promise.resolve('never'), refuse).catch((e: unknown) => e);

    failProbe(new Error('still down'));

    await expect(probe).rejects.toThrow('still down');
    expect(await waiting).toEqual(new Refused(10_000));
    expect(sut.state('a')).toBe('open');
  });

  it('should pass failures it does not count through without opening', async () => {
    for (let i = 0; i < 5; i++) await expect(sut.execute('a', () => Promise.reject(new Ignored('mine')), refuse)).rejects.toThrow('mine');

    expect(sut.state('a')).toBe('closed');
  });

  it('should keep keys apart', async () => {
    await open('a');

    expect(sut.state('a')).toBe('open');
    expect(sut.state('b')).toBe('closed');
    await expect(sut.execute('b', () => Promise.resolve('ok'), refuse)).resolves.toBe('ok');
  });
});
