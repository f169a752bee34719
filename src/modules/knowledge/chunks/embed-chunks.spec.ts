import { embedInBatches } from './embed-chunks';

const chunk = (position: number) => ({ position, text: `chunk ${position}`, tokenCount: 2 });

describe(embedInBatches.name, () => {
  it('should embed and store batch by batch, in position order, and answer the tokens billed', async () => {
    const calls: string[] = [];
    const billed = await embedInBatches(
      [0, 1, 2, 3, 4].map(chunk),
      async (texts) => {
        calls.push(`embed ${texts.join(',')}`);
        return { embeddings: texts.map(() => [1, 0]), tokens: texts.length * 2 };
      },
      async (rows, tokens) => {
        calls.push(`store ${rows.map((r) => r.position).join(',')} (${tokens})`);
      },
      2,
    );
    expect(calls).toEqual(['embed chunk 0,chunk 1', 'store 0,1 (4)', 'embed chunk 2,chunk 3', 'store 2,3 (4)', 'embed chunk 4', 'store 4 (2)']);
    expect(billed).toBe(10);
  });

  it('should stop when a batch cannot be stored, counting the tokens already billed', async () => {
    const embed = jest.fn(async (texts: string[]) => ({ embeddings: texts.map(() => [1]), tokens: 3 }));
    await expect(embedInBatches([0, 1, 2].map(chunk), embed, async () => false, 1)).resolves.toBe(3);
    expect(embed).toHaveBeenCalledTimes(1);
  });

  it('should refuse an answer with fewer vectors than texts', async () => {
    const store = jest.fn();
    await expect(embedInBatches([chunk(0), chunk(1)], async () => ({ embeddings: [[1]], tokens: 1 }), store)).rejects.toThrow('answered 1 vectors for 2 texts');
    expect(store).not.toHaveBeenCalled();
  });

  it('should do nothing for no chunks', async () => {
    const embed = jest.fn();
    await expect(embedInBatches([], embed, jest.fn())).resolves.toBe(0);
    expect(embed).not.toHaveBeenCalled();
  });
});
