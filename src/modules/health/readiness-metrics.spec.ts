import { Counter } from 'prom-client';
import { ReadinessMetrics } from './readiness-metrics';

describe(ReadinessMetrics.name, () => {
  const counter = new Counter({ name: 'readiness_transitions_spec', help: 'spec', labelNames: ['to'], registers: [] });
  let sut: ReadinessMetrics;
  const counts = async () => Object.fromEntries((await counter.get()).values.map((v) => [v.labels.to, v.value]));

  beforeEach(() => {
    counter.reset();
    sut = new ReadinessMetrics(counter);
  });

  it('should count nothing for the first answer, nor for answers that repeat the one before', async () => {
    sut.answered(false);
    sut.answered(false);

    expect(await counts()).toEqual({});
  });

  it('should count each change by the answer it changed to', async () => {
    for (const ready of [true, false, true, true, false]) sut.answered(ready);

    expect(await counts()).toEqual({ unready: 2, ready: 1 });
  });
});
