import { BadRequestException, HttpException, HttpStatus, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { describeError } from './describe-error';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UnprocessableError,
  ValidationFailedError,
} from './domain-errors';

function prismaKnownError(code: string, meta?: Record<string, unknown>): Error {
  return Object.assign(new Error(`prisma ${code}`), { name: 'PrismaClientKnownRequestError', code, meta });
}

function clientError(message: string, statusCode: number, code?: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

describe(describeError.name, () => {
  describe('domain errors', () => {
    it.each([
      [new ValidationFailedError(['name'], 'invalid request: name must be a string'), 400, 'invalid request: name must be a string'],
      [new UnauthenticatedError(), 401, 'missing or invalid API key'],
      [new ForbiddenError('not yours'), 403, 'not yours'],
      [new NotFoundError('api key', 'k1'), 404, 'api key k1 not found'],
      [new NotFoundError('organization'), 404, 'organization not found'],
      [new ConflictError('taken'), 409, 'taken'],
      [new UnprocessableError('cannot run'), 422, 'cannot run'],
    ])('should map %p to its status and message', (error, statusCode, message) => {
      const sut = describeError(error);

      expect(sut).toEqual({ statusCode, message, headers: {}, internal: false });
    });

    it.each([
      [1500, '2'],
      [1000, '1'],
      [1001, '2'],
      [1, '1'],
      [0, '1'],
      [-5000, '1'],
    ])('should send Retry-After in whole seconds rounded up, at least 1, for a rate limit of %i ms', (retryAfterMs, seconds) => {
      const sut = describeError(new RateLimitedError('slow down', retryAfterMs));

      expect(sut).toEqual({ statusCode: 429, message: 'slow down', headers: { 'Retry-After': seconds }, internal: false });
    });

    it('should send Retry-After with a 503 only when a delay is known', () => {
      expect(describeError(new ServiceUnavailableError('queue down', 4200)).headers).toEqual({ 'Retry-After': '5' });
      expect(describeError(new ServiceUnavailableError('queue down')).headers).toEqual({});
    });

    it('should not share headers between instances', () => {
      describeError(new RateLimitedError('slow down', 3000));

      expect(describeError(new ConflictError('taken')).headers).toEqual({});
    });
  });

  describe('HTTP exceptions', () => {
    it('should use a string response as the message', () => {
      expect(describeError(new HttpException('I am a teapot', HttpStatus.I_AM_A_TEAPOT))).toEqual({
        statusCode: 418,
        message: 'I am a teapot',
        headers: {},
        internal: false,
      });
    });

    it('should use the message of an object response', () => {
      expect(describeError(new NotFoundException('route not found'))).toMatchObject({ statusCode: 404, message: 'route not found' });
    });

    it('should join an array of messages', () => {
      const sut = describeError(new BadRequestException(['name must be a string', 'property extra should not exist']));

      expect(sut).toMatchObject({ statusCode: 400, message: 'name must be a string; property extra should not exist', internal: false });
    });

    it('should fall back to the exception message when the response has none', () => {
      expect(describeError(new HttpException({ detail: 'x' }, 400)).message).toBe('Http Exception');
    });

    it('should mark a 5xx exception internal', () => {
      expect(describeError(new InternalServerErrorException('db down'))).toMatchObject({ statusCode: 500, internal: true });
    });
  });

  describe('Prisma known errors', () => {
    it('should map a unique violation to 409 naming the model and fields', () => {
      const sut = describeError({ name: 'PrismaClientKnownRequestError', code: 'P2002', meta: { modelName: 'ApiKey', target: ['key_hash'] } });

      expect(sut).toEqual({ statusCode: 409, message: 'ApiKey with the same key_hash already exists', headers: {}, internal: false });
    });

    it('should join several unique fields', () => {
      const sut = describeError(prismaKnownError('P2002', { modelName: 'OrganizationRole', target: ['organization_id', 'name'] }));

      expect(sut.message).toBe('OrganizationRole with the same organization_id, name already exists');
    });

    it('should accept a constraint name as the target', () => {
      expect(describeError(prismaKnownError('P2002', { modelName: 'User', target: 'users_email_key' })).message).toBe(
        'User with the same users_email_key already exists',
      );
    });

    it('should read the fields from the driver adapter error when there is no target', () => {
      const sut = describeError(prismaKnownError('P2002', { modelName: 'User', driverAdapterError: { cause: { constraint: { fields: ['email'] } } } }));

      expect(sut.message).toBe('User with the same email already exists');
    });

    it('should still answer 409 when nothing names the fields or the model', () => {
      expect(describeError(prismaKnownError('P2002', { modelName: 'User' }))).toMatchObject({ statusCode: 409, message: 'User already exists' });
      expect(describeError(prismaKnownError('P2002'))).toMatchObject({ statusCode: 409, message: 'record already exists' });
    });

    it('should map a missing record to 404', () => {
      const sut = describeError({ name: 'PrismaClientKnownRequestError', code: 'P2025', meta: { modelName: 'ApiKey' } });

      expect(sut).toEqual({ statusCode: 404, message: 'ApiKey not found', headers: {}, internal: false });
    });

    it('should map a foreign key violation to 409', () => {
      const sut = describeError({ name: 'PrismaClientKnownRequestError', code: 'P2003', meta: { modelName: 'OrganizationMembership' } });

      expect(sut).toEqual({ statusCode: 409, message: 'OrganizationMembership conflicts with a related record', headers: {}, internal: false });
    });

    it('should map a required relation violation to 409', () => {
      expect(describeError(prismaKnownError('P2014', { modelName: 'User' }))).toMatchObject({ statusCode: 409, internal: false });
    });

    it('should treat other Prisma codes as internal', () => {
      const sut = describeError(prismaKnownError('P2010'));

      expect(sut).toEqual({ statusCode: 500, message: 'internal error', headers: {}, internal: true });
    });
  });

  describe('framework client errors', () => {
    it('should map a body over the limit to 413', () => {
      const sut = describeError(Object.assign(new Error('x'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }));

      expect(sut).toEqual({ statusCode: 413, message: 'request body is larger than the allowed limit', headers: {}, internal: false });
    });

    it('should map invalid JSON to 400 with the parser message', () => {
      const error = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });

      expect(describeError(error)).toEqual({ statusCode: 400, message: 'malformed JSON body: Unexpected end of JSON input', headers: {}, internal: false });
    });

    it('should name the JSON problem for the Fastify invalid JSON code too', () => {
      expect(describeError(clientError('bad token', 400, 'FST_ERR_CTP_INVALID_JSON_BODY')).message).toBe('malformed JSON body: bad token');
    });

    it('should map an unsupported content type to 415', () => {
      const sut = describeError(clientError('Unsupported Media Type: text/plain', 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'));

      expect(sut).toEqual({ statusCode: 415, message: 'unsupported content type; send application/json', headers: {}, internal: false });
    });

    it('should explain an empty JSON body', () => {
      expect(describeError(clientError('Body cannot be empty', 400, 'FST_ERR_CTP_EMPTY_JSON_BODY'))).toMatchObject({
        statusCode: 400,
        message: 'request body is empty but content-type is application/json',
      });
    });

    it('should accept every 4xx status from the framework, and only those', () => {
      expect(describeError(clientError('first', 400, 'FST_ERR_X'))).toMatchObject({ statusCode: 400, internal: false });
      expect(describeError(clientError('last', 499, 'FST_ERR_X'))).toMatchObject({ statusCode: 499, internal: false });
      expect(describeError(clientError('below', 399, 'FST_ERR_X'))).toMatchObject({ statusCode: 500, internal: true });
    });

    it('should pass through the message of another 4xx framework error', () => {
      expect(describeError(clientError('querystring/limit must be integer', 400, 'FST_ERR_VALIDATION'))).toMatchObject({
        statusCode: 400,
        message: 'querystring/limit must be integer',
        internal: false,
      });
    });
  });

  describe('errors from upstream services', () => {
    it('should answer 500 with a generic message when a provider rejects our credentials with 401', () => {
      const upstream = clientError('Request failed with status code 401: invalid api key sk-live-123', 401);

      const sut = describeError(upstream);

      expect(sut).toEqual({ statusCode: 500, message: 'internal error', headers: {}, internal: true });
    });

    it.each([
      ['an HTTP client error with its own code', clientError('secret internals', 400, 'ERR_BAD_REQUEST')],
      ['an undici error', clientError('secret internals', 403, 'UND_ERR_RESPONSE_STATUS_CODE')],
      ['an http-errors style 404', Object.assign(new Error('secret internals'), { statusCode: 404, status: 404, expose: true })],
      ['a TypeError', Object.assign(new TypeError('secret internals'), { statusCode: 400 })],
      ['a code that merely contains FST_', clientError('secret internals', 400, 'X_FST_ERR')],
    ])('should treat %s carrying a 4xx statusCode as internal', (_, exception) => {
      expect(describeError(exception)).toEqual({ statusCode: 500, message: 'internal error', headers: {}, internal: true });
    });

    it('should treat a SyntaxError without a statusCode (our own JSON.parse of a reply) as internal', () => {
      expect(describeError(new SyntaxError('Unexpected token < in JSON at position 0'))).toEqual({
        statusCode: 500,
        message: 'internal error',
        headers: {},
        internal: true,
      });
    });

    it('should treat a framework error carrying a 5xx statusCode as internal', () => {
      expect(describeError(clientError('secret internals', 500, 'FST_ERR_SOMETHING'))).toEqual({
        statusCode: 500,
        message: 'internal error',
        headers: {},
        internal: true,
      });
    });
  });

  describe('the database out of reach', () => {
    const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect', address: '127.0.0.1', port: 5432 });
    const sqlError = (code: string) => Object.assign(new Error('terminating connection due to administrator command'), { code, severity: 'FATAL' });
    const adapterError = (kind: string) => Object.assign(new Error(kind), { name: 'DriverAdapterError', cause: { kind } });

    it.each<[string, unknown]>([
      ['a refused connection, as node-postgres rejects with it', socketError('ECONNREFUSED')],
      ['a reset connection', socketError('ECONNRESET')],
      ["pg-pool's connection timeout", Object.assign(new Error('Connection terminated due to connection timeout'), { cause: new Error('Connection terminated unexpectedly') })],
      ["pg-pool's older timeout message", new Error('timeout exceeded when trying to connect')],
      ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
      ['SQLSTATE 08006 (connection failure)', sqlError('08006')],
      ['SQLSTATE 57P01 (admin shutdown)', sqlError('57P01')],
      ['SQLSTATE 57P02 (crash shutdown)', sqlError('57P02')],
      ['SQLSTATE 57P03 (cannot connect now)', sqlError('57P03')],
      ["Prisma's P1001, as the adapter reports a refused connection", prismaKnownError('P1001', { modelName: 'User', driverAdapterError: adapterError('DatabaseNotReachable') })],
      ["Prisma's P2010 (a raw query) wrapping the adapter's DatabaseNotReachable", prismaKnownError('P2010', { driverAdapterError: adapterError('DatabaseNotReachable') })],
      ["Prisma's P2024 (no connection from the pool in time)", prismaKnownError('P2024')],
      ["the adapter's ConnectionClosed under any wrapper", Object.assign(new Error('query failed'), { cause: adapterError('ConnectionClosed') })],
      ["Prisma's initialization error", Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientInitializationError' })],
    ])('should answer %s with 503, Retry-After and a clear message', (_name, error) => {
      const sut = describeError(error);

      expect(sut).toEqual({ statusCode: 503, message: expect.stringContaining('database cannot be reached'), headers: { 'Retry-After': '5' }, internal: false });
    });

    it.each<[string, unknown]>([
      ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' })],
      ['a syntax error in SQL', Object.assign(new Error('syntax error'), { code: '42601', severity: 'ERROR' })],
      ['another client whose fetch failed on a refused socket', Object.assign(new TypeError('fetch failed'), { cause: socketError('ECONNREFUSED') })],
    ])('should not call %s an outage', (_name, error) => {
      expect(describeError(error).statusCode).toBe(500);
    });

    it('should stop on a cyclic cause chain', () => {
      const error: Error & { cause?: unknown } = new Error('loop');
      error.cause = error;

      expect(describeError(error).statusCode).toBe(500);
    });
  });

  describe('anything else', () => {
    it.each([
      ['a plain Error', new Error('connection string postgres://u:pw@db failed')],
      ['an Error carrying statusCode 500', clientError('secret internals', 500)],
      ['an Error carrying statusCode 503', clientError('secret internals', 503)],
      ['an Error carrying statusCode 401 without a framework code', clientError('secret internals', 401)],
      ['an Error carrying a non-numeric statusCode', Object.assign(new Error('secret internals'), { statusCode: '400' })],
      ['a framework Error carrying a non-numeric statusCode', clientError('secret internals', '400' as unknown as number, 'FST_ERR_VALIDATION')],
      ['a plain object with a client statusCode', { statusCode: 400, message: 'secret internals' }],
      ['a string', 'secret internals'],
      ['undefined', undefined],
      ['null', null],
    ])('should describe %s as an internal 500 with a generic message', (_, exception) => {
      const sut = describeError(exception);

      expect(sut).toEqual({ statusCode: 500, message: 'internal error', headers: {}, internal: true });
    });
  });
});
