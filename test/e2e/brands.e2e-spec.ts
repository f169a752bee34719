import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DEMO_BRAND_NAME } from '../../src/infra/database/seed/seed-brand';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

const EXAMPLES = ['Fresh beans from the farm, roasted this week for you.', 'Small batches, named farmers, a cup that tastes of where it grew.'];

describe('Brands, voices and personas (/v1/brands)', () => {
  const sut = useE2eApp();
  let validator: OpenApiResponseValidator;
  let other: Tenant;

  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
    other = await sut.tenant('brands-other');
  });

  const auth = (key = sut.apiKey) => bearer(key);
  /** The body is what the OpenAPI document says it is (`path` as documented, with its {parameters}). */
  const conforms = (method: string, path: string, res: Response) => expect(validator.errors(method, path, res.status, res.body)).toBeNull();
  const errorBody = (status: number) => ({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });

  async function createBrand(name = `Brand ${randomUUID()}`, key = sut.apiKey): Promise<string> {
    return (await sut.http.post('/v1/brands').set(auth(key)).send({ name }).expect(201)).body.id;
  }

  async function createVoice(brandId: string, body: Record<string, unknown> = {}, key = sut.apiKey): Promise<Response> {
    return sut.http.post(`/v1/brands/${brandId}/voices`).set(auth(key)).send({ name: `Voice ${randomUUID()}`, examples: EXAMPLES, ...body });
  }

  describe('brands', () => {
    it('should create, read, list, update and delete a brand', async () => {
      const created = await sut.http.post('/v1/brands').set(auth()).send({ name: 'Contoso Tea', description: 'Loose-leaf teas', website: 'https://contoso.example' }).expect(201);
      conforms('POST', '/v1/brands', created);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Contoso Tea',
        description: 'Loose-leaf teas',
        website: 'https://contoso.example',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const path = `/v1/brands/${created.body.id}`;

      const read = await sut.http.get(path).set(auth()).expect(200);
      conforms('GET', '/v1/brands/{brandId}', read);
      expect(read.body).toEqual(created.body);

      const listed = await sut.http.get('/v1/brands?limit=100').set(auth()).expect(200);
      conforms('GET', '/v1/brands', listed);
      expect(listed.body.items.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining([DEMO_BRAND_NAME, 'Contoso Tea']));

      const updated = await sut.http.patch(path).set(auth()).send({ name: 'Contoso Teas', description: null }).expect(200);
      conforms('PATCH', '/v1/brands/{brandId}', updated);
      expect(updated.body).toMatchObject({ name: 'Contoso Teas', description: null, website: 'https://contoso.example' });

      await sut.http.delete(path).set(auth()).expect(204);
      await sut.http.get(path).set(auth()).expect(404);
      await sut.http.delete(path).set(auth()).expect(404);
    });

    it('should page through brands by name with a cursor', async () => {
      const tenant = await sut.tenant('brands-paging');
      for (const name of ['Cedar', 'Alder', 'Birch']) await createBrand(name, tenant.apiKey);

      const first = await sut.http.get('/v1/brands?limit=2').set(auth(tenant.apiKey)).expect(200);
      const second = await sut.http.get(`/v1/brands?limit=2&cursor=${first.body.nextCursor}`).set(auth(tenant.apiKey)).expect(200);

      expect(first.body.items.map((b: { name: string }) => b.name)).toEqual(['Alder', 'Birch']);
      expect(second.body).toEqual({ items: [expect.objectContaining({ name: 'Cedar' })], nextCursor: null });
    });

    it('should answer 409 for a name the organization already uses, on create and on rename', async () => {
      const conflict = await sut.http.post('/v1/brands').set(auth()).send({ name: DEMO_BRAND_NAME }).expect(409);
      expect(conflict.body).toEqual({ ...errorBody(409), message: `a brand named "${DEMO_BRAND_NAME}" already exists` });

      const brandId = await createBrand();
      await sut.http.patch(`/v1/brands/${brandId}`).set(auth()).send({ name: DEMO_BRAND_NAME }).expect(409);
    });

    it('should let two organizations use the same brand name', async () => {
      await createBrand(DEMO_BRAND_NAME, other.apiKey);
    });

    it.each([
      ['no name', {}],
      ['a blank name', { name: '   ' }],
      ['a name over 100 characters', { name: 'x'.repeat(101) }],
      ['a website that is not an http URL', { name: 'Web', website: 'ftp://example.com' }],
      ['an unknown field', { name: 'Extra', owner: 'me' }],
    ])('should answer 400 with the error body for a brand with %s', async (_, body) => {
      const res = await sut.http.post('/v1/brands').set(auth()).send(body).expect(400);

      expect(res.body).toEqual(errorBody(400));
    });

    it('should answer 400 for a PATCH that nulls the name, a brand id that is not a UUID, and a cursor it did not issue', async () => {
      const brandId = await createBrand();
      await sut.http.patch(`/v1/brands/${brandId}`).set(auth()).send({ name: null }).expect(400);
      await sut.http.get('/v1/brands/not-a-uuid').set(auth()).expect(400);
      const cursor = await sut.http.get('/v1/brands?cursor=garbage').set(auth()).expect(400);
      expect(cursor.body.message).toBe('invalid request: cursor is not one this API issued');
    });

    it("should answer 404 for another organization's brand on every route", async () => {
      const brandId = await createBrand(undefined, other.apiKey);
      const path = `/v1/brands/${brandId}`;

      await sut.http.get(path).set(auth()).expect(404);
      await sut.http.patch(path).set(auth()).send({ name: 'Mine now' }).expect(404);
      await sut.http.delete(path).set(auth()).expect(404);
      await sut.http.get(`${path}/voices`).set(auth()).expect(404);
      await createVoice(brandId).then((res) => expect(res.status).toBe(404));
      await sut.http.get(`${path}/personas`).set(auth()).expect(404);
      await sut.http.post(`${path}/personas`).set(auth()).send({ name: 'Intruder' }).expect(404);
      await sut.http.get(path).set(auth(other.apiKey)).expect(200);
    });

    it('should delete a brand with its voices and personas', async () => {
      const brandId = await createBrand();
      await createVoice(brandId).then((res) => expect(res.status).toBe(201));
      await sut.http.post(`/v1/brands/${brandId}/personas`).set(auth()).send({ name: 'Someone' }).expect(201);

      await sut.http.delete(`/v1/brands/${brandId}`).set(auth()).expect(204);

      const { rows } = await sut.sql.query('SELECT (SELECT count(*) FROM brand_voices WHERE brand_id = $1) + (SELECT count(*) FROM personas WHERE brand_id = $1) AS n', [brandId]);
      expect(Number(rows[0].n)).toBe(0);
    });
  });

  describe('voices', () => {
    it("should create a voice with its examples embedded as one unit vector in the current space, never returning the vector", async () => {
      const brandId = await createBrand();
      const created = await createVoice(brandId, { name: 'House', tone: ['warm'], bannedWords: ['cheap'], requiredElements: ['farm'], minLength: 10, maxLength: 500 });

      expect(created.status).toBe(201);
      conforms('POST', '/v1/brands/{brandId}/voices', created);
      expect(created.body).toMatchObject({ brandId, name: 'House', isDefault: false, examples: EXAMPLES, embedded: true, embeddingModel: 'offline-feature-hash', minLength: 10, maxLength: 500 });
      expect(created.body).not.toHaveProperty('embedding');
      const { rows } = await sut.sql.query(
        `SELECT vector_norm(v.embedding) AS norm, s.model FROM brand_voices v JOIN embedding_spaces s ON s.id = v.embedding_space_id WHERE v.id = $1`,
        [created.body.id],
      );
      expect(rows).toEqual([{ norm: expect.closeTo(1, 6), model: 'offline-feature-hash' }]);
    });

    it('should read, list, update and delete a voice', async () => {
      const brandId = await createBrand();
      const voiceId = (await createVoice(brandId, { name: 'B voice' })).body.id;
      await createVoice(brandId, { name: 'A voice' });
      const path = `/v1/brands/${brandId}/voices/${voiceId}`;

      const read = await sut.http.get(path).set(auth()).expect(200);
      conforms('GET', '/v1/brands/{brandId}/voices/{voiceId}', read);
      const listed = await sut.http.get(`/v1/brands/${brandId}/voices?limit=1`).set(auth()).expect(200);
      conforms('GET', '/v1/brands/{brandId}/voices', listed);
      expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['A voice']);
      expect(listed.body.nextCursor).toEqual(expect.any(String));

      const updated = await sut.http.patch(path).set(auth()).send({ audience: 'night owls', minLength: 5, dontRules: ['Never say "cheap"'] }).expect(200);
      conforms('PATCH', '/v1/brands/{brandId}/voices/{voiceId}', updated);
      expect(updated.body).toMatchObject({ name: 'B voice', audience: 'night owls', minLength: 5, dontRules: ['Never say "cheap"'], examples: EXAMPLES, embedded: true });

      await sut.http.delete(path).set(auth()).expect(204);
      await sut.http.get(path).set(auth()).expect(404);
    });

    it('should keep at most one default voice per brand: making one the default unsets the other', async () => {
      const brandId = await createBrand();
      const first = (await createVoice(brandId, { isDefault: true })).body.id;
      const second = (await createVoice(brandId, { isDefault: true })).body.id;
      const defaults = async () => (await sut.sql.query('SELECT id FROM brand_voices WHERE brand_id = $1 AND is_default', [brandId])).rows.map((r) => r.id);

      expect(await defaults()).toEqual([second]);
      await sut.http.patch(`/v1/brands/${brandId}/voices/${first}`).set(auth()).send({ isDefault: true }).expect(200);
      expect(await defaults()).toEqual([first]);
      await Promise.all([second, first].map((id) => sut.http.patch(`/v1/brands/${brandId}/voices/${id}`).set(auth()).send({ isDefault: true }).expect(200)));
      expect(await defaults()).toHaveLength(1);
    });

    it('should embed the examples again when they change, and only then', async () => {
      const brandId = await createBrand();
      const voiceId = (await createVoice(brandId)).body.id;
      const stored = async () => (await sut.sql.query('SELECT embedding::text AS e FROM brand_voices WHERE id = $1', [voiceId])).rows[0].e;
      const before = await stored();

      await sut.http.patch(`/v1/brands/${brandId}/voices/${voiceId}`).set(auth()).send({ examples: EXAMPLES, tone: ['dry'] }).expect(200);
      expect(await stored()).toBe(before);

      await sut.http.patch(`/v1/brands/${brandId}/voices/${voiceId}`).set(auth()).send({ examples: ['Quarterly revenue projections attached for review.'] }).expect(200);
      expect(await stored()).not.toBe(before);
    });

    it.each([
      ['no examples', { examples: undefined }],
      ['an empty list of examples', { examples: [] }],
      ['51 examples', { examples: Array.from({ length: 51 }, (_, i) => `example ${i}`) }],
      ['an example over 5,000 characters', { examples: ['x'.repeat(5_001)] }],
      ['an empty example', { examples: [''] }],
      ['minLength above maxLength', { minLength: 100, maxLength: 50 }],
      ['a negative minLength', { minLength: -1 }],
      ['banned words that are not a list', { bannedWords: 'cheap' }],
      ['isDefault null', { isDefault: null }],
    ])('should answer 400 for a voice with %s, and create nothing', async (_, body) => {
      const brandId = await createBrand();
      const res = await createVoice(brandId, body);

      expect(res.status).toBe(400);
      expect(res.body).toEqual(errorBody(400));
      expect((await sut.sql.query('SELECT count(*)::int AS n FROM brand_voices WHERE brand_id = $1', [brandId])).rows[0].n).toBe(0);
    });

    it('should answer 400 for a PATCH whose minLength would exceed the stored maxLength, or that nulls the examples', async () => {
      const brandId = await createBrand();
      const voiceId = (await createVoice(brandId, { maxLength: 50 })).body.id;

      const res = await sut.http.patch(`/v1/brands/${brandId}/voices/${voiceId}`).set(auth()).send({ minLength: 60 }).expect(400);
      expect(res.body.message).toBe('invalid request: minLength (60) must not exceed maxLength (50)');
      await sut.http.patch(`/v1/brands/${brandId}/voices/${voiceId}`).set(auth()).send({ examples: null }).expect(400);
    });

    it('should answer 409 for a voice name the brand already uses, and allow it in another brand', async () => {
      const brandId = await createBrand();
      await createVoice(brandId, { name: 'House' });

      expect((await createVoice(brandId, { name: 'House' })).status).toBe(409);
      expect((await createVoice(await createBrand(), { name: 'House' })).status).toBe(201);
    });

    it("should answer 404 for another organization's voice, and for a voice named under another brand", async () => {
      const theirBrand = await createBrand(undefined, other.apiKey);
      const theirVoice = (await createVoice(theirBrand, {}, other.apiKey)).body.id;
      const path = `/v1/brands/${theirBrand}/voices/${theirVoice}`;

      await sut.http.get(path).set(auth()).expect(404);
      await sut.http.patch(path).set(auth()).send({ audience: 'mine' }).expect(404);
      await sut.http.delete(path).set(auth()).expect(404);
      const myBrand = await createBrand();
      await sut.http.get(`/v1/brands/${myBrand}/voices/${theirVoice}`).set(auth()).expect(404);
      await sut.http.get(path).set(auth(other.apiKey)).expect(200);
    });
  });

  describe('personas', () => {
    it('should create, read, list, update and delete a persona', async () => {
      const brandId = await createBrand();
      const body = { name: 'Night owl', description: 'Brews at midnight', goals: ['stay awake'], painPoints: ['bitter coffee'], channels: ['email'], attributes: { age: 30 } };
      const created = await sut.http.post(`/v1/brands/${brandId}/personas`).set(auth()).send(body).expect(201);
      conforms('POST', '/v1/brands/{brandId}/personas', created);
      expect(created.body).toMatchObject({ brandId, ...body });
      const path = `/v1/brands/${brandId}/personas/${created.body.id}`;

      conforms('GET', '/v1/brands/{brandId}/personas/{personaId}', await sut.http.get(path).set(auth()).expect(200));
      const listed = await sut.http.get(`/v1/brands/${brandId}/personas`).set(auth()).expect(200);
      conforms('GET', '/v1/brands/{brandId}/personas', listed);
      expect(listed.body).toEqual({ items: [created.body], nextCursor: null });

      const updated = await sut.http.patch(path).set(auth()).send({ description: null, attributes: { region: 'north' } }).expect(200);
      conforms('PATCH', '/v1/brands/{brandId}/personas/{personaId}', updated);
      expect(updated.body).toMatchObject({ name: 'Night owl', description: null, goals: ['stay awake'], attributes: { region: 'north' } });

      await sut.http.delete(path).set(auth()).expect(204);
      await sut.http.get(path).set(auth()).expect(404);
    });

    it('should answer 409 for a persona name the brand already uses', async () => {
      const brandId = await createBrand();
      await sut.http.post(`/v1/brands/${brandId}/personas`).set(auth()).send({ name: 'Twin' }).expect(201);

      await sut.http.post(`/v1/brands/${brandId}/personas`).set(auth()).send({ name: 'Twin' }).expect(409);
    });

    it.each([
      ['attributes that are a list', { name: 'P', attributes: [1, 2] }],
      ['attributes over 16 KiB', { name: 'P', attributes: { blob: 'x'.repeat(17_000) } }],
      ['goals that are not strings', { name: 'P', goals: [1] }],
      ['no name', { goals: ['g'] }],
    ])('should answer 400 for a persona with %s', async (_, body) => {
      const brandId = await createBrand();

      const res = await sut.http.post(`/v1/brands/${brandId}/personas`).set(auth()).send(body).expect(400);

      expect(res.body).toEqual(errorBody(400));
    });

    it("should answer 404 for another organization's persona", async () => {
      const theirBrand = await createBrand(undefined, other.apiKey);
      const theirPersona = (await sut.http.post(`/v1/brands/${theirBrand}/personas`).set(auth(other.apiKey)).send({ name: 'Theirs' }).expect(201)).body.id;
      const path = `/v1/brands/${theirBrand}/personas/${theirPersona}`;

      await sut.http.get(path).set(auth()).expect(404);
      await sut.http.patch(path).set(auth()).send({ name: 'Mine' }).expect(404);
      await sut.http.delete(path).set(auth()).expect(404);
    });
  });
});
