import { words as wordsOf } from '../../src/modules/content/text/word-diff';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

interface DiffPart {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

const words = (text: string) => wordsOf(text);
const ORIGINAL = 'Our coffee is cheap and tastes great!!! Order a bag today.';

/** The brand voice copilot on the offline model and the seeded demo organization's Northwind Coffee voice. */
describe('The brand-voice agent', () => {
  const sut = useE2eApp();
  /** The organization's whole configuration of the agent (PUT replaces it: `{}` goes back to the defaults). */
  const configure = async (config: object) => void (await sut.http.put('/v1/agents/brand-voice/config').set(bearer(sut.apiKey)).send(config).expect(200));
  const rewrite = (input: object, apiKey = sut.apiKey) => sut.http.post('/v1/runs').set(bearer(apiKey)).send({ agent: 'brand-voice', input });
  const demoBrandId = async () => (await sut.sql.query("SELECT id FROM brands WHERE organization_id = $1 AND name = 'Northwind Coffee'", [sut.organizationId])).rows[0].id as string;
  const rowCounts = async () => (await sut.sql.query('SELECT (SELECT count(*) FROM contents)::int AS contents, (SELECT count(*) FROM content_versions)::int AS versions')).rows[0];
  afterEach(() => configure({}));

  it('should rewrite a text into the brand voice, score both, and show the word diff and the checks it fixed, writing no rows', async () => {
    const before = await rowCounts();

    const res = await rewrite({ text: ORIGINAL, brandId: await demoBrandId() }).expect(201);

    expect(res.body).toMatchObject({ status: 'COMPLETED', error: null });
    const steps = res.body.toolExecutions as Array<{ tool: string; action: string; input: Record<string, string>; output: Record<string, unknown> }>;
    expect(steps.map((s) => `${s.tool}.${s.action}`)).toEqual(['agent_config.read', 'brand.voice', 'brand.score_voice', 'llm.generate', 'brand.score_voice']);
    const output = res.body.output;
    expect(output).toMatchObject({ originalScore: steps[2].output.score, score: steps[4].output.score, passed: steps[4].output.passed, brandId: await demoBrandId(), usage: res.body.usage });
    expect(steps[4].input.text).toBe(output.text);
    // The model was told what the voice check found in the original.
    expect(steps[3].input.system).toContain('uses banned words: "cheap"');
    expect(steps[3].input.system).toContain('lacks required elements: "Northwind"');
    expect(steps[3].input.prompt).toBe(ORIGINAL);

    const diff = output.changes.diff as DiffPart[];
    expect(diff.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(output.text);
    expect(words(diff.filter((p) => p.op !== 'insert').map((p) => p.text).join(''))).toEqual(words(ORIGINAL));
    expect(diff.some((p) => p.op === 'equal' && p.text.includes('Order a bag today'))).toBe(true);
    expect(output.changes.insertedWords).toBeGreaterThan(0);
    // The offline rewrite names Northwind (its instructions say to): that check is fixed; what still fails is listed.
    expect(output.changes.fixed).toContainEqual({ rule: 'required_elements', message: 'lacks required elements: "Northwind"' });
    expect(output.changes.remaining).toEqual((steps[4].output.reasons as Array<{ rule: string }>).filter((r) => r.rule !== 'similarity'));
    expect(await rowCounts()).toEqual(before);
  });

  it("should use the configured brand when the input names none, and fail without any brand", async () => {
    await configure({ brandId: await demoBrandId() });
    const configured = await rewrite({ text: ORIGINAL }).expect(201);
    await configure({});
    const none = await rewrite({ text: ORIGINAL }).expect(201);

    expect(configured.body).toMatchObject({ status: 'COMPLETED', output: { brandId: await demoBrandId() } });
    expect(none.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandRequiredError' } });
  });

  it("should fail the run on another organization's brand, and refuse bad input with 400", async () => {
    const tenant = await sut.tenant('voice-other');

    const other = await rewrite({ text: ORIGINAL, brandId: await demoBrandId() }, tenant.apiKey).expect(201);

    expect(other.body).toMatchObject({ status: 'FAILED', error: { class: 'BrandNotFoundError' } });
    for (const input of [{ text: '' }, { text: 'x'.repeat(20_001) }, { text: 'Hello', brandId: 'nope' }, { text: 'Hello', voiceId: 42 }]) {
      expect((await rewrite(input).expect(400)).body.message).toMatch(/input\.(text|brandId|voiceId)/);
    }
  });
});
