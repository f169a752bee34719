import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { API_KEY_SCHEME } from '../modules/auth/authenticated.decorator';

const TAGS: Array<[name: string, description: string]> = [
  ['health', 'Liveness and readiness probes for Kubernetes and load balancers (no API key)'],
  ['metrics', 'Prometheus metrics (no API key)'],
  ['me', 'The caller'],
  ['api-keys', "The caller's API keys, each optionally narrowed to part of the caller's permissions"],
  ['members', "The organization's members and their roles (owner, admin, member, viewer), invitations by email, and accepting one"],
  ['audit-log', "The organization's audit trail: who changed what, from where, with configuration's values before and after"],
  ['agents', 'Registered agents: input schema, tools, policies, circuit state'],
  ['agent-config', "An organization's configuration of each agent (model, temperature, brand, connections, approval policies, hints, settings) and its reversible changes"],
  ['runs', 'Agent runs: start, list, read, cancel; every run and tool call is recorded'],
  ['approvals', 'Human approval before an agent acts: the review inbox and decisions that resume waiting runs'],
  ['brands', 'Brands, their voices and personas, and scoring a text against a brand voice'],
  ['usage', 'Model tokens and cost per month, per model and per agent, and the budget left'],
  ['connectors', 'The connector catalog, credentials, OAuth2 and direct action invocation'],
  ['connectors (mock mode)', 'Only while connectors run as mocks: what they sent, failures on demand'],
  ['schedules', 'Agent runs on a cron in a time zone: next fire times, and what each tick started, skipped or failed to start'],
  ['webhooks', 'Signed webhooks (Standard Webhooks) of run events: endpoints, their delivery log, retries'],
  ['audience', 'Leads, suppressed addresses (unsubscribes, bounces, opt-outs) that no message goes to, and consent'],
  ['sms', 'Text messages: replies from recipients (STOP and START keywords opt them out and back in)'],
  ['campaigns', 'Campaigns: a goal, a brand, an audience and channels; a launch chains content, email, social and SMS runs, each with its approvals'],
  ['content', "Blog posts, landing pages and newsletters the content agent drafted: their versions, people's edits and the review workflow"],
  ['learning', "Outcomes reported in (opens, clicks, bounces, unsubscribes, replies, engagement) and the learning agent's weekly tuning of the agents on them"],
  ['social posts', 'Posts the social agent composed: review their state, change them before they go out, read their metrics; the hourly metrics sync'],
  ['knowledge', 'Datasets of documents (URLs, texts, uploaded files) taken in, embedded and searched; agents use the knowledge.search tool'],
  ['conversations', 'Support threads the support agent answered or escalated to a person: read them, close and reopen them'],
  ['seo', 'The weekly SEO review: the seo agent reads Search Console, clusters keywords and proposes an editorial calendar'],
  ['keywords', "The organization's keywords: their Search Console figures and clusters; terms unique ignoring case"],
  ['editorial calendar', 'Entries the seo agent proposed and people planned, moved PROPOSED -> PLANNED -> IN_PROGRESS -> DONE (or DROPPED)'],
  ['exports', "The organization's data as a zip of JSON Lines files (one per table, no secrets) with a manifest: built by a worker, downloaded, expired after a few days"],
  ['data erasure', "Erasing a member's personal data in the organization: membership and keys removed, records kept without them, the person anonymised when no other organization has them"],
  ['insights', 'Trends the trends agent found in recent Reddit, X and YouTube posts, with the posts they rest on'],
];

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Sent with every answer to an API key (ApiKeyRateLimitGuard): where the key stands in its budget. */
const RATE_LIMIT_HEADERS: Record<string, { description: string; example: number }> = {
  'RateLimit-Limit': { description: "Requests the API key may make per minute (API_KEY_RATE_LIMIT_PER_MINUTE)", example: 1000 },
  'RateLimit-Remaining': { description: 'Requests the API key has left in the current minute', example: 998 },
  'RateLimit-Reset': { description: "Seconds until the key's minute ends and its budget is whole again", example: 42 },
};

/** Where the document says the API lives when no request tells it (a local `npm start`). */
const DEFAULT_SERVER = 'http://localhost:3000';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('NeonHub API')
    .setDescription(
      'Runs marketing agents against real channels; every run and tool call is recorded. ' +
        'Everything under /v1 needs `Authorization: Bearer <api key>`. Every error answers ' +
        '`{ statusCode, error, message, requestId }`; send X-Request-Id to correlate.',
    )
    .setVersion(version)
    .setLicense('Proprietary', 'https://neonhub.example/terms')
    .addServer(DEFAULT_SERVER, 'This deployment')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'nh_ API key' }, API_KEY_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  return withCommonRules(SwaggerModule.createDocument(app, builder.build()));
}

/**
 * What holds for every operation, said once here rather than on 26 handlers: every response
 * carries X-Request-Id (the filter and the request logger set it on all of them), and a route
 * without the API-key guard says so with `security: []` instead of leaving it unstated.
 */
export function withCommonRules(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    headers: {
      ...document.components?.headers,
      [REQUEST_ID_HEADER]: {
        description: 'The id of this request: yours when you sent a safe one, a new UUID otherwise; it is in every log line of the request',
        schema: { type: 'string', example: '5b8f2c1e-4b7d-4d53-9a43-1c9e8f0a2b11' },
      },
      ...Object.fromEntries(
        Object.entries(RATE_LIMIT_HEADERS).map(([name, { description, example }]) => [name, { description, schema: { type: 'integer', minimum: 0, example } }]),
      ),
    },
  };
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      operation.security ??= [];
      // Answers past the key check carry the key's budget; a 401 comes before it and does not.
      const limited = operation.security.length > 0;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || '$ref' in response) continue;
        const budget = limited && status !== '401' ? Object.keys(RATE_LIMIT_HEADERS) : [];
        response.headers = {
          [REQUEST_ID_HEADER]: { $ref: `#/components/headers/${REQUEST_ID_HEADER}` },
          ...Object.fromEntries(budget.map((name) => [name, { $ref: `#/components/headers/${name}` }])),
          ...response.headers,
        };
      }
    }
  }
  return document;
}

/**
 * Swagger UI at /docs, the OpenAPI 3 document at /docs-json. The document names the address it
 * was fetched from as its server, so "Try it out" and generated clients reach this deployment.
 */
export function mountOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, version), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    patchDocumentOnRequest: <TRequest>(request: TRequest, _response: unknown, document: OpenAPIObject) => {
      const { host, protocol } = request as FastifyRequest;
      return host ? { ...document, servers: [{ url: `${protocol}://${host}`, description: 'This deployment' }] } : document;
    },
  });
}
