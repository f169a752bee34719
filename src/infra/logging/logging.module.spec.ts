import { Test } from '@nestjs/testing';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { CLS_ID, ClsModule, ClsService } from 'nestjs-cls';
import { Params, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import type { RequestContext } from '../cls/request-context';
import { LoggingModule } from './logging.module';
import { PINO_REDACT_PATHS, REDACTED, redactSecrets, TRUNCATED } from './redaction';

/** Everything pino writes, line by line, exactly as it would reach stdout. */
class MemoryStream implements DestinationStream {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  get raw(): string {
    return this.lines.join('');
  }

  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

const SECRET_PAYLOAD = { req: { headers: { authorization: 'Bearer nh_x' } }, body: { password: 'p', nested: { token: 't' } } };

/** An error as an HTTP client throws it, with the request's headers as an enumerable property. */
function upstreamError(): Error {
  return Object.assign(new Error('Request failed with status code 401'), {
    config: { url: 'https://api.example.com/v1/chat', headers: { Authorization: 'Bearer sk-live-123' } },
    response: { status: 401 },
  });
}

/** `{ a: { a: ... { [key]: value } } }` with `levels` objects above the one holding `key`. */
function nested(levels: number, key: string, value: unknown): Record<string, unknown> {
  let out: Record<string, unknown> = { [key]: value };
  for (let i = 0; i < levels; i++) out = { a: out };
  return out;
}

function leaf(value: unknown, levels: number): unknown {
  let current = value;
  for (let i = 0; i < levels; i++) current = (current as Record<string, unknown> | undefined)?.a;
  return current;
}

const ERROR_LOGGING_STYLES: Array<[string, (logger: pino.Logger, error: Error) => void]> = [
  ['passed on its own', (logger, error) => logger.error(error)],
  ['passed under err', (logger, error) => logger.error({ err: error }, 'provider call failed')],
  ['passed under another key', (logger, error) => logger.warn({ failure: error }, 'provider call failed')],
];

function expectRedactedError(stream: MemoryStream): void {
  expect(stream.lines).toHaveLength(1);
  expect(stream.raw).not.toContain('sk-live-123');
  const record = stream.records()[0];
  const logged = (record.err ?? record.failure) as Record<string, unknown>;
  expect(logged).toMatchObject({
    message: 'Request failed with status code 401',
    config: { url: 'https://api.example.com/v1/chat', headers: { Authorization: REDACTED } },
    response: { status: 401 },
  });
  expect(logged.stack).toEqual(expect.stringContaining('Request failed with status code 401'));
}

function expectNoSecrets(stream: MemoryStream): void {
  expect(stream.lines).toHaveLength(1);
  expect(stream.raw).not.toContain('nh_x');
  expect(stream.raw).not.toContain('Bearer');
  expect(stream.raw).not.toContain('"p"');
  expect(stream.raw).not.toContain('"t"');
}

describe('pino with the redaction settings', () => {
  it('should write no secret from headers or nested bodies', () => {
    const stream = new MemoryStream();
    const sut = pino({ level: 'info', redact: { paths: PINO_REDACT_PATHS, censor: REDACTED }, formatters: { log: redactSecrets } }, stream);

    sut.info(SECRET_PAYLOAD, 'request received');

    expectNoSecrets(stream);
    expect(stream.records()[0]).toMatchObject({
      msg: 'request received',
      req: { headers: { authorization: REDACTED } },
      body: { password: REDACTED, nested: { token: REDACTED } },
    });
  });

  it.each(ERROR_LOGGING_STYLES)("should redact the request headers of an Error %s", (_, log) => {
    const stream = new MemoryStream();
    const sut = pino({ level: 'info', redact: { paths: PINO_REDACT_PATHS, censor: REDACTED }, formatters: { log: redactSecrets } }, stream);

    log(sut, upstreamError());

    expectRedactedError(stream);
  });

  it('should censor the native paths even without the key-based scrub', () => {
    const stream = new MemoryStream();
    const sut = pino({ level: 'info', redact: { paths: PINO_REDACT_PATHS, censor: REDACTED } }, stream);

    sut.info({ req: { headers: { authorization: 'Bearer nh_x', cookie: 'sid=1', 'x-api-key': 'nh_y' } }, res: { headers: { 'set-cookie': 'sid=2' } } });

    expect(stream.raw).not.toMatch(/nh_x|nh_y|sid=1|sid=2/);
  });
});

describe(LoggingModule.name, () => {
  let pinoOptions: LoggerOptions;
  let cls: ClsService<RequestContext>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ ...loadConfig({}), logLevel: 'info' }), ClsModule.forRoot({ global: true }), LoggingModule],
    }).compile();
    const params = moduleRef.get<Params>(PARAMS_PROVIDER_TOKEN, { strict: false });
    // pino-http's own options (genReqId, autoLogging) mean nothing to a plain pino logger.
    const { level, redact, mixin, formatters, serializers } = params.pinoHttp as LoggerOptions;
    pinoOptions = { level, redact, mixin, formatters, serializers };
    cls = moduleRef.get<ClsService<RequestContext>>(ClsService);
  });

  function createSut(): { sut: pino.Logger; stream: MemoryStream } {
    const stream = new MemoryStream();
    return { sut: pino(pinoOptions, stream), stream };
  }

  it('should write no secret from the logged object', () => {
    const { sut, stream } = createSut();

    sut.info(SECRET_PAYLOAD, 'request received');

    expectNoSecrets(stream);
    expect(stream.records()[0]).toMatchObject({ body: { password: REDACTED, nested: { token: REDACTED } } });
  });

  it.each(ERROR_LOGGING_STYLES)('should write no secret from the request config of an Error %s', (_, log) => {
    const { sut, stream } = createSut();

    log(sut, upstreamError());

    expectRedactedError(stream);
  });

  it('should truncate an object nested past the depth limit and write no secret from it', () => {
    const { sut, stream } = createSut();

    sut.info(nested(9, 'password', 'hunter2'), 'deep payload');

    expect(stream.raw).not.toContain('hunter2');
    expect(leaf(stream.records()[0], 8)).toEqual({ a: TRUNCATED });
  });

  it('should still redact a secret at the deepest level it walks', () => {
    const { sut, stream } = createSut();

    sut.info(nested(8, 'password', 'hunter2'), 'deep payload');

    expect(stream.raw).not.toContain('hunter2');
    expect(leaf(stream.records()[0], 8)).toEqual({ password: REDACTED });
  });

  it('should reduce a logged request to its id, method and url', () => {
    const { sut, stream } = createSut();

    sut.info({ req: { id: 'r1', method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer nh_x' }, body: { password: 'p' } } });

    expect(stream.records()[0].req).toEqual({ id: 'r1', method: 'GET', url: '/v1/me' });
    expect(stream.raw).not.toContain('nh_x');
  });

  it("should keep the numeric status of a logged response (pino-http's serializer reads headersSent from its prototype)", () => {
    const stream = new MemoryStream();
    const sut = pino({ ...pinoOptions, serializers: { ...pinoOptions.serializers, res: pino.stdSerializers.res } }, stream);
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    res.writeHead(201);

    sut.info({ res, responseTime: 3 }, 'request completed');

    expect(stream.records()[0]).toMatchObject({ res: { statusCode: 201 }, responseTime: 3 });
  });

  it('should log at the configured level', () => {
    const { sut, stream } = createSut();

    sut.debug('hidden');
    sut.info('shown');

    expect(stream.records().map((r) => r.msg)).toEqual(['shown']);
  });

  it('should stamp each line with the request id, organization and user from CLS', () => {
    const { sut, stream } = createSut();

    cls.run(() => {
      cls.set(CLS_ID, 'req-1');
      cls.set('organizationId', 'org-1');
      cls.set('userId', 'user-1');
      sut.info('inside a request');
    });

    expect(stream.records()[0]).toMatchObject({ requestId: 'req-1', organizationId: 'org-1', userId: 'user-1' });
  });

  it('should add no context fields outside a request', () => {
    const { sut, stream } = createSut();

    sut.info('at boot');

    expect(stream.records()[0]).not.toHaveProperty('requestId');
    expect(stream.records()[0]).not.toHaveProperty('organizationId');
  });
});
