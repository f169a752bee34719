import { ScopeSizes } from './scope-sizes';

describe(ScopeSizes.name, () => {
  const size = (scopeRows: number) => ({ scopeRows, tableRows: 1_000 });

  it('should count a scope once while its count is fresh, and again once it expired', async () => {
    let now = 0;
    const sut = new ScopeSizes(30_000, () => now);
    const count = jest.fn().mockResolvedValueOnce(size(1)).mockResolvedValueOnce(size(2));

    await expect(sut.get('org-1', count)).resolves.toEqual(size(1));
    now = 29_999;
    await expect(sut.get('org-1', count)).resolves.toEqual(size(1));
    now = 30_000;
    await expect(sut.get('org-1', count)).resolves.toEqual(size(2));
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('should keep scopes apart', async () => {
    const sut = new ScopeSizes(30_000, () => 0);

    await sut.get('org-1', async () => size(1));

    await expect(sut.get('org-2', async () => size(2))).resolves.toEqual(size(2));
  });

  it('should not remember a count that failed', async () => {
    const sut = new ScopeSizes(30_000, () => 0);

    await expect(sut.get('org-1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');

    await expect(sut.get('org-1', async () => size(3))).resolves.toEqual(size(3));
  });
});
