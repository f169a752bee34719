import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'supertest';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { OpenApiResponseValidator } from '../support/openapi-validator';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const REDOCLY_CONFIG = join(root, 'config', 'openapi');

/** The CLIs exit non-zero on problems; their report is what the test reads. */
async function report(file: string, args: string[]): Promise<string> {
  try {
    return (await run(file, args, { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } })).stdout;
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

describe('OpenAPI document', () => {
  const sut = useE2eApp();
  let document: Record<string, unknown>;
  let dir: string;

  beforeAll(async () => {
    document = (await sut.http.get('/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'neonhub-openapi-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should pass redocly lint (recommended) and spectral lint (spectral:oas) with no problem at all', async () => {
    // The ignore file names the document by its path relative to the config: write it beside them.
    const file = join(dir, 'openapi.json');
    cpSync(REDOCLY_CONFIG, dir, { recursive: true });
    const ruleset = join(dir, '.spectral.yaml');
    writeFileSync(file, JSON.stringify(document));
    writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');

    const [redocly, spectral] = await Promise.all([
      report(bin('redocly'), ['lint', file, '--config', join(dir, 'redocly.yaml'), '--format=json']),
      report(bin('spectral'), ['lint', file, '--ruleset', ruleset, '--format=json', '--quiet']),
    ]);

    const redoclyProblems = (JSON.parse(redocly) as { problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> }).problems;
    expect(redoclyProblems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    const spectralProblems = JSON.parse(spectral.trim() || '[]') as Array<{ code: string; severity: number; message: string; path: string[] }>;
    expect(spectralProblems.map((p) => `${p.severity} ${p.code} ${p.path.join('.')}: ${p.message}`)).toEqual([]);
  }, 120_000);

  it('should describe the real bodies of runs, agents, connectors, health and errors', async () => {
    const validator = new OpenApiResponseValidator(document);
    const auth = bearer(sut.apiKey);
    const seen: Array<[string, string, Response]> = [
      ['POST', '/v1/runs', await sut.http.post('/v1/runs').set(auth).send({ agent: 'echo', input: { message: 'hi', toolCalls: 1 } }).expect(201)],
      ['POST', '/v1/runs', await sut.http.post('/v1/runs').set(auth).send({ agent: 'echo', input: { message: 'boom', toolCalls: 1, fail: 'fatal' } }).expect(201)],
      ['POST', '/v1/runs', await sut.http.post('/v1/runs').set(auth).send({ agent: 'echo', mode: 'async', input: { message: 'later' } }).expect(202)],
      ['GET', '/v1/runs', await sut.http.get('/v1/runs?limit=5').set(auth).expect(200)],
      ['GET', '/v1/agents', await sut.http.get('/v1/agents').set(auth).expect(200)],
      ['GET', '/v1/connectors', await sut.http.get('/v1/connectors').set(auth).expect(200)],
      ['GET', '/v1/connectors/{key}', await sut.http.get('/v1/connectors/shopify').set(auth).expect(200)],
      ['POST', '/v1/connectors/{key}/actions/{action}', await sut.http.post('/v1/connectors/slack/actions/send_message').set(auth).send({ channel: '#launch', text: 'Live.' }).expect(201)],
      ['GET', '/health', await sut.http.get('/health').expect(200)],
      ['GET', '/v1/runs/{id}', await sut.http.get(`/v1/runs/${randomUUID()}`).set(auth).expect(404)],
    ];
    expect(seen[0][2].body.status).toBe('COMPLETED');
    expect(seen[1][2].body.status).toBe('FAILED');

    for (const [method, path, res] of seen) {
      expect({ method, path, status: res.status, errors: validator.errors(method, path, res.status, res.body) }).toEqual({ method, path, status: res.status, errors: null });
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('should give every operation a tag, a summary, a description and an operationId, and say which need no key', () => {
    const operations = Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    for (const { path, method, op } of operations) {
      expect({ path, method, tags: (op.tags as string[]).length > 0, summary: typeof op.summary, description: typeof op.description, operationId: typeof op.operationId, security: Array.isArray(op.security) }).toEqual({
        path, method, tags: true, summary: 'string', description: 'string', operationId: 'string', security: true,
      });
    }
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })]);
  });
});
