import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { DocumentQueries } from './document-queries';
import { CreateTextDocumentDto, CreateUrlDocumentDto, UploadDocumentForm } from './dto/create-document.dto';
import { DocumentPage, DocumentResponse, ListDocumentsQuery, toDocumentResponse } from './dto/document.dto';
import { SubmitDocument } from './submit-document';
import { DocumentRequestReader } from './upload/document-request-reader';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

const uuid = () => new ParseUUIDPipe();

@ApiTags('knowledge')
@Authenticated()
@ApiExtraModels(CreateUrlDocumentDto, CreateTextDocumentDto, UploadDocumentForm)
@Controller('v1/datasets/:id/documents')
export class DocumentsController {
  constructor(private readonly submission: SubmitDocument, private readonly queries: DocumentQueries, private readonly reader: DocumentRequestReader) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('knowledge:write')
  @ApiOperation({
    operationId: 'createDocument',
    summary: 'Add a document',
    description:
      'Queues a document for intake (fetch, normalize, embed); poll it until READY or FAILED. A URL, file name or text title the dataset ' +
      'already has ingests that document again: unchanged content keeps its version and chunks.',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { oneOf: [{ $ref: getSchemaPath(CreateUrlDocumentDto) }, { $ref: getSchemaPath(CreateTextDocumentDto) }] } },
        'multipart/form-data': { schema: { $ref: getSchemaPath(UploadDocumentForm) } },
      },
    },
  })
  @ApiAcceptedResponse({ type: DocumentResponse, description: 'Queued for intake' })
  @ApiErrors(400, 404, 409, 413, 415, 503)
  async create(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) datasetId: string, @Req() request: FastifyRequest): Promise<DocumentResponse> {
    const { document } = await this.submission.submit(caller.organizationId, datasetId, await this.reader.read(request));
    return toDocumentResponse(document);
  }

  @Get()
  @RequirePermission('knowledge:read')
  @ApiOperation({ operationId: 'listDocuments', summary: 'List documents', description: "The dataset's documents with their intake status, newest first" })
  @ApiOkResponse({ type: DocumentPage })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) datasetId: string, @Query() query: ListDocumentsQuery): Promise<DocumentPage> {
    const page = await this.queries.list(caller.organizationId, datasetId, query);
    return { items: page.items.map(toDocumentResponse), nextCursor: page.nextCursor };
  }

  @Get(':documentId')
  @RequirePermission('knowledge:read')
  @ApiOperation({ operationId: 'getDocument', summary: 'Get a document', description: 'Its intake status, version, error, chunk count and content hash' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) datasetId: string, @Param('documentId', uuid()) id: string): Promise<DocumentResponse> {
    return toDocumentResponse(await this.queries.get(caller.organizationId, datasetId, id));
  }

  @Delete(':documentId')
  @HttpCode(204)
  @RequirePermission('knowledge:write')
  @ApiOperation({ operationId: 'deleteDocument', summary: 'Delete a document', description: 'The document and its chunks' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) datasetId: string, @Param('documentId', uuid()) id: string): Promise<void> {
    return this.queries.delete(caller.organizationId, datasetId, id);
  }
}
