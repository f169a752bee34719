import SwaggerParser from '@apidevtools/swagger-parser';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';

describe('Metrics and OpenAPI', () => {
  const sut = useE2eApp();

  it('should label HTTP metrics by route template, never by raw URL', async () => {
    await sut.http.delete('/v1/api-keys/00000000-0000-4000-8000-000000000001').set(bearer(sut.apiKey)).expect(404);
    await sut.http.get('/random/path/123').expect(404);
    const res = await sut.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/neonhub_http_requests_total\{method="DELETE",route="\/v1\/api-keys\/:id",status="404"\} \d+/);
    expect(res.text).toMatch(/neonhub_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(res.text).toContain('neonhub_http_request_duration_seconds_bucket');
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000001');
    expect(res.text).not.toContain('/random/path');
  });

  it('should prefix every metric name with neonhub_', async () => {
    const res = await sut.http.get('/metrics').expect(200);
    const names = res.text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !n.startsWith('neonhub_'))).toEqual([]);
  });

  it('should serve a valid OpenAPI 3 document that secures every /v1 operation', async () => {
    const res = await sut.http.get('/docs-json').expect(200);
    const document = res.body;
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    const v1 = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; 'x-neonhub-public'?: string }>>).filter(([path]) => path.startsWith('/v1'));
    expect(v1.length).toBeGreaterThan(0);
    for (const [path, operations] of v1) {
      for (const [method, op] of Object.entries(operations)) {
        // Only a route explicitly marked public (with its reason) may go without the API key, and it must say so.
        if (op['x-neonhub-public']) {
          expect({ path, method, security: op.security ?? document.security ?? [] }).toEqual({ path, method, security: [] });
          continue;
        }
        expect({ path, method, security: op.security }).toEqual({ path, method, security: [{ 'api-key': [] }] });
        expect(Object.keys(op.responses)).toContain('401');
      }
    }
  });

  it('should serve Swagger UI at /docs', async () => {
    const res = await sut.http.get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
