import { fillSchema } from './schema-filler';

describe(fillSchema.name, () => {
  const schema = {
    type: 'object' as const,
    properties: {
      headline: { type: 'string' as const, maxLength: 40 },
      tone: { type: 'string' as const, enum: ['calm', 'bold'] },
      score: { type: 'integer' as const, minimum: 1, maximum: 5 },
      ready: { type: 'boolean' as const },
      tags: { type: 'array' as const, items: { type: 'string' as const } },
      contact: { $ref: '#/definitions/Contact' },
    },
    required: ['headline'],
    definitions: { Contact: { type: 'object' as const, properties: { email: { type: 'string' as const, format: 'email' } }, required: ['email'] } },
  };

  it('should fill every property from the material, deterministically', () => {
    const sut = fillSchema(schema, 'Launch the autumn coffee campaign') as Record<string, unknown>;
    expect(fillSchema(schema, 'Launch the autumn coffee campaign')).toEqual(sut);
    expect(Object.keys(sut).sort()).toEqual(['contact', 'headline', 'ready', 'score', 'tags', 'tone']);
    expect((sut.headline as string).length).toBeLessThanOrEqual(40);
    for (const word of (sut.headline as string).split(' ')) expect(['launch', 'the', 'autumn', 'coffee', 'campaign']).toContain(word);
    expect(['calm', 'bold']).toContain(sut.tone);
    expect(sut.score).toBeGreaterThanOrEqual(1);
    expect(sut.score).toBeLessThanOrEqual(5);
    expect(typeof sut.ready).toBe('boolean');
    expect((sut.tags as string[]).length).toBeGreaterThanOrEqual(1);
    expect((sut.tags as string[]).length).toBeLessThanOrEqual(3);
    expect(sut.contact).toEqual({ email: 'offline@example.com' });
  });
});
