import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import { PageQuery } from '../../../common/validation/page.query';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';
import { CreateExportDto, ExportPage, ExportResponse, toExportResponse } from '../dto/export.dto';
import { ExportDownloads } from './export-downloads';
import { RequestExport } from './request-export';

const EXPORT_ID = new ParseUUIDPipe();

@ApiTags('exports')
@Authenticated()
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly requests: RequestExport, private readonly downloads: ExportDownloads) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('data:export')
  @ApiOperation({
    operationId: 'createExport',
    summary: "Export the organization's data",
    description: 'Starts building a zip of one JSON Lines file per table (the organization’s rows only, no secrets) with a manifest; poll GET /v1/exports/:id until READY',
  })
  @ApiAcceptedResponse({ type: ExportResponse })
  @ApiErrors(400, 503)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateExportDto): Promise<ExportResponse> {
    return toExportResponse(await this.requests.request(caller, dto.tables));
  }

  @Get()
  @RequirePermission('data:export')
  @ApiOperation({ operationId: 'listExports', summary: 'List exports', description: "The organization's exports, newest first, with cursor pagination" })
  @ApiOkResponse({ type: ExportPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: PageQuery): Promise<ExportPage> {
    const page = await this.downloads.list(caller.organizationId, query);
    return { items: page.items.map(toExportResponse), nextCursor: page.nextCursor };
  }

  @Get(':exportId')
  @RequirePermission('data:export')
  @ApiOperation({ operationId: 'getExport', summary: 'Get an export', description: 'Its status and, once READY, the archive’s size, SHA-256 and files' })
  @ApiOkResponse({ type: ExportResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('exportId', EXPORT_ID) id: string): Promise<ExportResponse> {
    return toExportResponse(await this.downloads.get(caller.organizationId, id));
  }

  @Get(':exportId/download')
  @RequirePermission('data:export')
  @ApiOperation({ operationId: 'downloadExport', summary: 'Download an export', description: 'The zip archive; 409 until the export is READY, 410 once it expired' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The archive', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 409, 410)
  async download(@CurrentPrincipal() caller: Principal, @Param('exportId', EXPORT_ID) id: string): Promise<StreamableFile> {
    const { stream, sizeBytes } = await this.downloads.open(caller, id);
    return new StreamableFile(stream, { type: 'application/zip', disposition: `attachment; filename="neonhub-export-${id}.zip"`, length: sizeBytes });
  }
}
