import { randomUUID } from 'node:crypto';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ROLE_PERMISSIONS } from '../../src/modules/auth/permissions/permissions';
import { ANY_MEMBER, PERMISSION_EXTENSION } from '../../src/modules/auth/permissions/require-permission.decorator';
import { bearer } from '../support/app';
import { useE2eApp } from '../support/e2e-context';
import { addMember, type Member } from '../support/members';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Values for path parameters: an id nobody has (so reads end in a documented 404), or a known name. */
const PATH_VALUES: Record<string, string> = { name: 'echo', key: 'slack', action: 'send_message' };

interface Route {
  method: (typeof METHODS)[number];
  path: string;
  operation: OperationObject & { [PERMISSION_EXTENSION]?: string };
}

function routes(document: OpenAPIObject): Route[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] as Route['operation'] })),
  );
}

function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name] ?? randomUUID());
}

/**
 * The viewer (a junior, or the client) walks every route in the OpenAPI document: a route whose
 * declared permission a viewer lacks answers exactly 403 naming it; any other answers one of the
 * statuses its operation documents, never 401, 403 or a 5xx.
 */
describe('Every route, walked with a viewer key', () => {
  const sut = useE2eApp();
  let document: OpenAPIObject;
  let viewer: Member;

  beforeAll(async () => {
    document = (await sut.http.get('/docs-json').expect(200)).body;
    viewer = await addMember(sut.sql, sut.organizationId, 'viewer');
  });

  it('should find a permission declared on every operation that takes an API key', () => {
    const secured = routes(document).filter((r) => (r.operation.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(100);
    expect(secured.filter((r) => !r.operation[PERMISSION_EXTENSION]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const refusable = secured.filter((r) => r.operation[PERMISSION_EXTENSION] !== ANY_MEMBER);
    expect(refusable.filter((r) => !r.operation.responses['403']).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('should answer each route with exactly its documented outcome for a viewer', async () => {
    const surprises: string[] = [];
    let refused = 0;
    for (const route of routes(document)) {
      const declared = route.operation[PERMISSION_EXTENSION];
      const url = concrete(route.path);
      const request = sut.http[route.method](url).set(bearer(viewer.apiKey));
      const res = await (route.method === 'get' || route.method === 'delete' ? request : request.send({}));
      const label = `${route.method.toUpperCase()} ${route.path} -> ${res.status} ${res.body?.message ?? ''}`;
      if (declared && declared !== ANY_MEMBER && !(ROLE_PERMISSIONS.viewer as readonly string[]).includes(declared)) {
        refused += 1;
        if (res.status !== 403 || res.body.message !== `missing permission ${declared}`) surprises.push(`${label} (expected 403 naming ${declared})`);
        continue;
      }
      const documented = Object.keys(route.operation.responses).map(Number);
      if (!documented.includes(res.status) || res.status === 401 || res.status === 403 || res.status >= 500) surprises.push(`${label} (documented: ${documented.join(', ')})`);
    }
    expect(surprises).toEqual([]);
    expect(refused).toBeGreaterThan(40);
  });

  it('should leave nothing changed behind the refusals', async () => {
    const { rows } = await sut.sql.query<{ n: string }>("SELECT count(*) AS n FROM agent_runs WHERE user_id = $1", [viewer.userId]);
    expect(Number(rows[0].n)).toBe(0);
  });
});
