import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ConsentService } from '../../src/modules/audience/consent/consent.service';
import { SuppressionsService } from '../../src/modules/audience/suppressions/suppressions.service';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import type { Tenant } from '../support/tenants';

/** An address no other test of the file uses: the suppression and lead lists are the organization's. */
const unique = (name = 'lead') => `${name}-${randomBytes(4).toString('hex')}@example.com`;
const phone = () => `+1415555${String(randomBytes(2).readUInt16BE() % 10_000).padStart(4, '0')}`;

describe('Audience: suppressions and leads (/v1/suppressions, /v1/leads)', () => {
  const sut = useE2eApp();
  let validator: OpenApiResponseValidator;
  let other: Tenant;

  beforeAll(async () => {
    validator = new OpenApiResponseValidator((await sut.http.get('/docs-json').expect(200)).body);
    other = await sut.tenant('audience-other');
  });

  const auth = (key = sut.apiKey) => bearer(key);
  const conforms = (method: string, path: string, res: Response) => expect(validator.errors(method, path, res.status, res.body)).toBeNull();
  const suppress = (body: object, key = sut.apiKey) => sut.http.post('/v1/suppressions').set(auth(key)).send(body);
  const createLead = (body: object, key = sut.apiKey) => sut.http.post('/v1/leads').set(auth(key)).send(body);
  /** Every item of a list, following nextCursor page by page. */
  async function allPages(path: string, limit: number, key = sut.apiKey): Promise<{ pages: number; items: Array<{ id: string; createdAt: string }> }> {
    const items: Array<{ id: string; createdAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const res: Response = await sut.http.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).set(auth(key)).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { pages, items };
  }

  describe('suppressions', () => {
    it('should suppress an address normalized, answer 200 with the same suppression when asked again, and lift it', async () => {
      const address = unique('Jane');

      const created = await suppress({ channel: 'email', address: `  ${address.toUpperCase()} `, reason: 'unsubscribed', source: 'support ticket 4711' }).expect(201);
      conforms('POST', '/v1/suppressions', created);
      expect(created.body).toEqual({ id: expect.any(String), channel: 'EMAIL', address: address.toLowerCase(), reason: 'UNSUBSCRIBED', source: 'support ticket 4711', createdAt: expect.any(String) });

      const again = await suppress({ channel: 'EMAIL', address, reason: 'BOUNCED' }).expect(200);
      conforms('POST', '/v1/suppressions', again);
      expect(again.body).toEqual(created.body);

      const read = await sut.http.get(`/v1/suppressions/${created.body.id}`).set(auth()).expect(200);
      conforms('GET', '/v1/suppressions/{id}', read);
      expect(read.body).toEqual(created.body);
      const found = await sut.http.get(`/v1/suppressions?address=${encodeURIComponent(address.toUpperCase())}`).set(auth()).expect(200);
      expect(found.body.items).toEqual([created.body]);

      await sut.http.delete(`/v1/suppressions/${created.body.id}`).set(auth()).expect(204);
      await sut.http.get(`/v1/suppressions/${created.body.id}`).set(auth()).expect(404);
      await sut.http.delete(`/v1/suppressions/${created.body.id}`).set(auth()).expect(404);
    });

    it('should default the reason to MANUAL and the source to api, and store phone numbers in E.164', async () => {
      const number = phone();
      const spaced = `${number.slice(0, 2)} (${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`;

      const created = await suppress({ channel: 'SMS', address: spaced }).expect(201);

      expect(created.body).toMatchObject({ channel: 'SMS', address: number, reason: 'MANUAL', source: 'api' });
    });

    it('should list newest first in cursor pages that together hold every suppression once, filtered by channel and reason', async () => {
      const who = await sut.tenant('audience-pages');
      for (let i = 0; i < 5; i++) await suppress({ channel: 'EMAIL', address: unique(`page${i}`), reason: i % 2 ? 'BOUNCED' : 'MANUAL' }, who.apiKey).expect(201);
      await suppress({ channel: 'WHATSAPP', address: phone() }, who.apiKey).expect(201);

      const { pages, items } = await allPages('/v1/suppressions', 2, who.apiKey);
      const first = await sut.http.get('/v1/suppressions?limit=2').set(auth(who.apiKey)).expect(200);
      conforms('GET', '/v1/suppressions', first);

      expect(pages).toBe(3);
      expect(new Set(items.map((s) => s.id)).size).toBe(6);
      const created = items.map((s) => s.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      expect((await allPages('/v1/suppressions?channel=email&reason=bounced', 1, who.apiKey)).items).toHaveLength(2);
      expect((await allPages('/v1/suppressions?channel=WHATSAPP', 10, who.apiKey)).items).toHaveLength(1);
    });

    it("should answer 404 for another organization's suppression and leave it in place", async () => {
      const theirs = (await suppress({ channel: 'EMAIL', address: unique('theirs') }, other.apiKey).expect(201)).body;

      await sut.http.get(`/v1/suppressions/${theirs.id}`).set(auth()).expect(404);
      await sut.http.delete(`/v1/suppressions/${theirs.id}`).set(auth()).expect(404);

      await sut.http.get(`/v1/suppressions/${theirs.id}`).set(auth(other.apiKey)).expect(200);
      expect((await sut.http.get(`/v1/suppressions?address=${theirs.address}`).set(auth()).expect(200)).body.items).toEqual([]);
    });

    it.each([
      ['an unknown channel', { channel: 'PIGEON', address: 'a@example.com' }, 'channel'],
      ['a channel we hold no addresses for', { channel: 'SLACK', address: 'U123' }, 'channel'],
      ['an email that is not one', { channel: 'EMAIL', address: 'jane@' }, 'email address'],
      ['a phone number without its country code', { channel: 'SMS', address: '4155550100' }, 'E.164'],
      ['an unknown reason', { channel: 'EMAIL', address: 'a@example.com', reason: 'BORED' }, 'reason'],
      ['an unknown field', { channel: 'EMAIL', address: 'a@example.com', list: 'all' }, 'list'],
    ])('should answer 400 for %s, saying what is wrong', async (_, body, problem) => {
      const res = await suppress(body).expect(400);

      expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining(problem) });
    });

    it('should answer 400 for a cursor it did not issue and for an id that is not a UUID', async () => {
      await sut.http.get('/v1/suppressions?cursor=not-a-cursor').set(auth()).expect(400);
      await sut.http.get('/v1/suppressions/42').set(auth()).expect(400);
      await sut.http.delete('/v1/suppressions/42').set(auth()).expect(400);
    });

    it('should say which of a list of addresses are suppressed, spelled as given, in one call', async () => {
      const [a, b, c] = [unique('a'), unique('b'), unique('c')];
      await suppress({ channel: 'EMAIL', address: a }).expect(201);
      await suppress({ channel: 'SMS', address: '+14155550199' }).expect(201);
      const service = sut.app.get(SuppressionsService);

      expect(await service.suppressedAmong(sut.organizationId, 'EMAIL', [a.toUpperCase(), b, c, 'not an address'])).toEqual([a.toUpperCase()]);
      expect(await service.isSuppressed(sut.organizationId, 'EMAIL', b)).toBe(false);
      expect(await service.isSuppressed(sut.organizationId, 'SMS', '+14155550199')).toBe(true);
      expect(await service.isSuppressed(other.organizationId, 'EMAIL', a)).toBe(false);
    });
  });

  describe('leads', () => {
    it('should create, read, update and list a lead, its email stored lower-cased', async () => {
      const email = unique('Sam');

      const created = await createLead({ email: email.toUpperCase(), name: 'Sam Doe', timezone: 'Europe/Paris', attributes: { plan: 'pro' } }).expect(201);
      conforms('POST', '/v1/leads', created);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: email.toLowerCase(),
        phone: null,
        name: 'Sam Doe',
        timezone: 'Europe/Paris',
        status: 'NEW',
        personaId: null,
        attributes: { plan: 'pro' },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const path = `/v1/leads/${created.body.id}`;

      const read = await sut.http.get(path).set(auth()).expect(200);
      conforms('GET', '/v1/leads/{id}', read);
      expect(read.body).toEqual(created.body);

      const number = phone();
      const updated = await sut.http.patch(path).set(auth()).send({ status: 'engaged', phone: number, name: null }).expect(200);
      conforms('PATCH', '/v1/leads/{id}', updated);
      expect(updated.body).toMatchObject({ status: 'ENGAGED', phone: number, name: null, email: email.toLowerCase() });

      const listed = await sut.http.get(`/v1/leads?email=${encodeURIComponent(email)}`).set(auth()).expect(200);
      conforms('GET', '/v1/leads', listed);
      expect(listed.body.items).toEqual([updated.body]);
    });

    it('should suppress the email and phone of a lead set to UNSUBSCRIBED', async () => {
      const [email, number] = [unique('leaving'), phone()];
      const lead = (await createLead({ email, phone: number }).expect(201)).body;

      await sut.http.patch(`/v1/leads/${lead.id}`).set(auth()).send({ status: 'UNSUBSCRIBED' }).expect(200);

      const byAddress = async (address: string) => (await sut.http.get(`/v1/suppressions?address=${encodeURIComponent(address)}`).set(auth()).expect(200)).body.items;
      expect(await byAddress(email)).toEqual([expect.objectContaining({ channel: 'EMAIL', reason: 'UNSUBSCRIBED', source: `lead ${lead.id}` })]);
      expect((await byAddress(number)).map((s: { channel: string }) => s.channel).sort()).toEqual(['SMS', 'WHATSAPP']);
    });

    it('should answer 409 for an email another lead of the organization has, in any case, but not across organizations', async () => {
      const email = unique('twice');
      await createLead({ email }).expect(201);

      const again = await createLead({ email: email.toUpperCase() }).expect(409);

      expect(again.body).toMatchObject({ statusCode: 409, message: 'a lead with this email already exists in the organization' });
      await createLead({ email }, other.apiKey).expect(201);
    });

    it('should answer 409 for a phone number another lead has, on create and on update', async () => {
      const number = phone();
      await createLead({ phone: number }).expect(201);
      const second = (await createLead({ email: unique() }).expect(201)).body;

      expect((await createLead({ phone: number }).expect(409)).body.message).toContain('phone');
      await sut.http.patch(`/v1/leads/${second.id}`).set(auth()).send({ phone: number }).expect(409);
      expect((await sut.http.get(`/v1/leads/${second.id}`).set(auth()).expect(200)).body.phone).toBeNull();
    });

    it.each([
      ['no address at all', { name: 'Nobody' }, 'email'],
      ['an invalid email', { email: 'sam@@example.com' }, 'email'],
      ['a phone number with letters', { phone: '+1 415 CALL NOW' }, 'phone'],
      ['a time zone that is not IANA', { email: 'tz@example.com', timezone: 'Mars/Olympus' }, 'timezone'],
      ['an unknown status', { email: 'st@example.com', status: 'HOT' }, 'status'],
      ['attributes that are not an object', { email: 'at@example.com', attributes: [1, 2] }, 'attributes'],
    ])('should answer 400 for %s', async (_, body, field) => {
      const res = await createLead(body).expect(400);

      expect(res.body.message).toContain(field);
    });

    it('should answer 400 when an update would leave the lead without an address, and change nothing', async () => {
      const email = unique('only');
      const lead = (await createLead({ email }).expect(201)).body;

      await sut.http.patch(`/v1/leads/${lead.id}`).set(auth()).send({ email: null, status: 'QUALIFIED' }).expect(400);

      expect((await sut.http.get(`/v1/leads/${lead.id}`).set(auth()).expect(200)).body).toMatchObject({ email, status: 'NEW' });
    });

    it("should answer 404 for another organization's lead and for another organization's persona", async () => {
      const theirs = (await createLead({ email: unique('theirs') }, other.apiKey).expect(201)).body;
      const brand = (await sut.http.post('/v1/brands').set(auth(other.apiKey)).send({ name: `Brand ${randomUUID()}` }).expect(201)).body;
      const persona = (await sut.http.post(`/v1/brands/${brand.id}/personas`).set(auth(other.apiKey)).send({ name: 'Buyer' }).expect(201)).body;

      await sut.http.get(`/v1/leads/${theirs.id}`).set(auth()).expect(404);
      await sut.http.patch(`/v1/leads/${theirs.id}`).set(auth()).send({ status: 'QUALIFIED' }).expect(404);
      await createLead({ email: unique(), personaId: persona.id }).expect(404);

      await createLead({ email: unique(), personaId: persona.id }, other.apiKey).expect(201);
      expect((await sut.http.get(`/v1/leads/${theirs.id}`).set(auth(other.apiKey)).expect(200)).body.status).toBe('NEW');
    });

    it('should list newest first in cursor pages, filtered by status', async () => {
      const who = await sut.tenant('leads-pages');
      for (let i = 0; i < 5; i++) await createLead({ email: unique(`p${i}`), status: i < 2 ? 'QUALIFIED' : 'NEW' }, who.apiKey).expect(201);

      const { pages, items } = await allPages('/v1/leads', 2, who.apiKey);

      expect(pages).toBe(3);
      expect(new Set(items.map((l) => l.id)).size).toBe(5);
      expect((await allPages('/v1/leads?status=qualified', 10, who.apiKey)).items).toHaveLength(2);
      await sut.http.get('/v1/leads?cursor=bm9wZQ').set(auth(who.apiKey)).expect(400);
    });
  });

  describe('consent', () => {
    it('should keep every record and answer the latest as the one in force', async () => {
      const consent = sut.app.get(ConsentService);
      const address = unique('consent');

      expect(await consent.latestStatus(sut.organizationId, 'EMAIL', address)).toBeNull();
      await consent.record(sut.organizationId, { channel: 'EMAIL', address, status: 'GRANTED', source: 'web-form', evidence: 'form 17' });
      await consent.record(sut.organizationId, { channel: 'EMAIL', address: address.toUpperCase(), status: 'REVOKED', source: 'email:reply' });

      expect(await consent.latest(sut.organizationId, 'EMAIL', address)).toMatchObject({ status: 'REVOKED', source: 'email:reply', address });
      expect(await consent.latestStatus(other.organizationId, 'EMAIL', address)).toBeNull();
      const { rows } = await sut.sql.query('SELECT status FROM consent_records WHERE organization_id = $1 AND address = $2 ORDER BY recorded_at, id', [sut.organizationId, address]);
      expect(rows.map((r) => r.status)).toEqual(['GRANTED', 'REVOKED']);
    });
  });
});
