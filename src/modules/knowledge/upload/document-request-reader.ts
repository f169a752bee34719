import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { basename, extname } from 'node:path';
import { DomainError, ValidationFailedError } from '../../../common/errors/domain-errors';
import { isStorableString } from '../../../common/validation/storable-text';
import { toValidationFailedError } from '../../../common/validation/validation';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { CreateTextDocumentDto, CreateUrlDocumentDto } from '../dto/create-document.dto';
import { parseContentType } from '../intake/content-type';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../knowledge-errors';
import type { DocumentSubmission } from '../submit-document';

/** What an upload may be; an aliased type is stored as its canonical one. */
const UPLOAD_TYPES: Record<string, string> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
  'application/pdf': 'application/pdf',
};

/** Clients (curl among them) label files they do not know as octet-stream: the extension decides then. */
const BY_EXTENSION: Record<string, string> = { '.txt': 'text/plain', '.md': 'text/markdown', '.markdown': 'text/markdown', '.html': 'text/html', '.htm': 'text/html', '.pdf': 'application/pdf' };

const TITLE_LIMIT = 300;
const FILE_NAME_LIMIT = 255;

/**
 * The body of POST /v1/datasets/:id/documents as a submission: JSON ({url} or {title, text}),
 * validated with the same rules as every other body, or a multipart upload of one file, held to
 * KNOWLEDGE_UPLOAD_MAX_BYTES (413) and the document types intake reads (415).
 */
@Injectable()
export class DocumentRequestReader {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(request: FastifyRequest): Promise<DocumentSubmission> {
    return typeof request.isMultipart === 'function' && request.isMultipart() ? this.readUpload(request) : this.readJson(request.body);
  }

  private async readJson(body: unknown): Promise<DocumentSubmission> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationFailedError(['body'], 'invalid request: send JSON {url} or {title, text}, or a multipart/form-data upload with a file part');
    }
    if ('url' in body) {
      const dto = await validated(CreateUrlDocumentDto, body);
      return { kind: 'url', url: dto.url, title: dto.title };
    }
    const dto = await validated(CreateTextDocumentDto, body);
    return { kind: 'text', title: dto.title, text: dto.text, format: dto.format ?? 'markdown' };
  }

  private async readUpload(request: FastifyRequest): Promise<DocumentSubmission> {
    const limit = this.config.knowledge.uploadMaxBytes;
    try {
      const file = await request.file({ limits: { fileSize: limit, files: 1, fields: 5, fieldSize: 4 * TITLE_LIMIT, parts: 6 } });
      if (!file) throw new ValidationFailedError(['file'], 'invalid request: the multipart body has no file part');
      let mimeType: string;
      try {
        mimeType = uploadTypeOf(file.mimetype, file.filename);
      } catch (error) {
        file.file.resume(); // the refused file's bytes are read and dropped, so the answer is not held up
        throw error;
      }
      const bytes = await file.toBuffer();
      if (bytes.length === 0) throw new ValidationFailedError(['file'], 'invalid request: file is empty');
      const fileName = basename(file.filename || 'upload').slice(0, FILE_NAME_LIMIT);
      if (!isStorableString(fileName)) throw new ValidationFailedError(['file'], 'invalid request: file name must not contain NUL characters');
      return { kind: 'file', fileName, mimeType, bytes, title: titleField(file.fields.title) };
    } catch (error) {
      throw uploadError(error, limit);
    }
  }
}

async function validated<T extends object>(dto: new () => T, body: object): Promise<T> {
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw toValidationFailedError(errors);
  return instance;
}

function uploadTypeOf(declared: string, fileName: string): string {
  const { mimeType } = parseContentType(declared);
  const type = mimeType === 'application/octet-stream' || mimeType === '' ? BY_EXTENSION[extname(fileName).toLowerCase()] : UPLOAD_TYPES[mimeType];
  if (!type) throw new UnsupportedMediaTypeError(`${mimeType || 'a file without a type'} is not a document type intake reads; upload text/plain, text/markdown, text/html or application/pdf`);
  return type;
}

/** The title field, when sent before the file part (busboy hands over the fields it has read by then). */
function titleField(field: unknown): string | undefined {
  const value = (field as { value?: unknown } | undefined)?.value;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > TITLE_LIMIT || !isStorableString(value)) {
    throw new ValidationFailedError(['title'], `invalid request: title must be a non-empty text of at most ${TITLE_LIMIT} characters`);
  }
  return value;
}

/** Every failure of a multipart body as the client's 4xx in our one error shape, the limit named. */
function uploadError(error: unknown, limit: number): Error {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new PayloadTooLargeError(`file is larger than ${limit} bytes (KNOWLEDGE_UPLOAD_MAX_BYTES)`);
  if (code === 'FST_FILES_LIMIT') return new ValidationFailedError(['file'], 'invalid request: upload one file per request');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new ValidationFailedError(['body'], 'invalid request: too many form fields; send title and file only');
  return new ValidationFailedError(['body'], `invalid request: malformed multipart body (${(error as Error).message})`);
}
