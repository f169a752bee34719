import { loadConfig } from '../../../config/app-config';
import { ModelPrices } from './model-prices';

describe(ModelPrices.name, () => {
  const sut = new ModelPrices(loadConfig({}));

  it('should price input and output tokens per million, to the micro-dollar', () => {
    expect(sut.costOf('gpt-4o-mini', { inputTokens: 1_000, outputTokens: 2_000 })).toBe(0.00135);
    expect(sut.costOf('gpt-4o-mini', { inputTokens: 1, outputTokens: 1 })).toBe(0.000001);
  });

  it('should answer null for a model without a price, never a guess', () => {
    expect(sut.costOf('gpt-9-ultra', { inputTokens: 1_000, outputTokens: 1_000 })).toBeNull();
  });

  it('should price the offline models at nothing', () => {
    expect(sut.costOf('offline-template', { inputTokens: 5_000, outputTokens: 5_000 })).toBe(0);
  });
});
