import { HttpException } from '@nestjs/common';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain-errors';

export interface DescribedError {
  statusCode: number;
  message: string;
  headers: Record<string, string>;
  /** True when the client did nothing wrong: logged with its stack, message hidden. */
  internal: boolean;
}

interface PrismaKnownError {
  name: 'PrismaClientKnownRequestError';
  code: string;
  meta?: { modelName?: string; target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
}

interface FrameworkClientError {
  statusCode: number;
  code?: string;
  message: string;
}

const PRISMA_STATUS: Record<string, number> = { P2002: 409, P2003: 409, P2025: 404, P2014: 409 };

/** Maps anything thrown anywhere to the status and message a client sees. One place, one policy. */
export function describeError(exception: unknown): DescribedError {
  if (exception instanceof DomainError) {
    return { statusCode: exception.statusCode, message: exception.message, headers: exception.headers, internal: false };
  }
  if (isDatabaseUnavailable(exception)) {
    const unavailable = new DatabaseUnavailableError();
    return { statusCode: unavailable.statusCode, message: unavailable.message, headers: unavailable.headers, internal: false };
  }
  if (exception instanceof HttpException) {
    return { statusCode: exception.getStatus(), message: httpExceptionMessage(exception), headers: {}, internal: exception.getStatus() >= 500 };
  }
  if (isPrismaKnownError(exception) && PRISMA_STATUS[exception.code]) {
    return { statusCode: PRISMA_STATUS[exception.code], message: prismaMessage(exception), headers: {}, internal: false };
  }
  if (isFrameworkClientError(exception)) {
    return { statusCode: exception.statusCode, message: frameworkMessage(exception), headers: {}, internal: false };
  }
  return { statusCode: 500, message: 'internal error', headers: {}, internal: true };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function isPrismaKnownError(e: unknown): e is PrismaKnownError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'PrismaClientKnownRequestError';
}

function prismaMessage(e: PrismaKnownError): string {
  const model = e.meta?.modelName ?? 'record';
  if (e.code === 'P2002') {
    const fields = e.meta?.target ?? e.meta?.driverAdapterError?.cause?.constraint?.fields;
    const named = Array.isArray(fields) ? fields.join(', ') : fields;
    return named ? `${model} with the same ${named} already exists` : `${model} already exists`;
  }
  if (e.code === 'P2025') return `${model} not found`;
  return `${model} conflicts with a related record`;
}

/**
 * Only the HTTP framework's own request errors (body parsing, limits) are the client's fault.
 * Any other error that happens to carry a statusCode (an upstream HTTP client's 401, say) is ours.
 */
function isFrameworkClientError(e: unknown): e is FrameworkClientError {
  if (!(e instanceof Error)) return false;
  const { statusCode, code } = e as Error & { statusCode?: unknown; code?: unknown };
  const fromFramework = (typeof code === 'string' && code.startsWith('FST_')) || e instanceof SyntaxError;
  return fromFramework && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

function frameworkMessage(e: FrameworkClientError): string {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body is larger than the allowed limit';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty but content-type is application/json';
    default:
      return e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? `malformed JSON body: ${e.message}` : e.message;
  }
}
