import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { ContentQueries } from './content-queries';
import { ContentDetailView, ContentPage, toContentDetailView, toContentView } from './dto/content.response';
import { ListContentQuery } from './dto/list-content.query';
import { UpdateContentDto } from './dto/update-content.dto';
import { EditContent } from './editing/edit-content';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('content')
@Authenticated()
@Controller('v1/content')
export class ContentController {
  constructor(private readonly queries: ContentQueries, private readonly editing: EditContent) {}

  @Get()
  @RequirePermission('content:read')
  @ApiOperation({ operationId: 'listContent', summary: 'List content', description: "The organization's blog posts, landing pages and newsletters, newest first, with filters and cursor pagination" })
  @ApiOkResponse({ type: ContentPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListContentQuery): Promise<ContentPage> {
    const page = await this.queries.list(caller.organizationId, query);
    return { items: page.items.map(toContentView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('content:read')
  @ApiOperation({ operationId: 'getContent', summary: 'Get content', description: 'One piece of content with every version: the agent’s draft and revisions, and people’s edits' })
  @ApiOkResponse({ type: ContentDetailView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ContentDetailView> {
    const { content, versions } = await this.queries.get(caller.organizationId, id);
    return toContentDetailView(content, versions);
  }

  @Patch(':id')
  @RequirePermission('content:write')
  @ApiOperation({
    operationId: 'updateContent',
    summary: 'Edit or move content',
    description:
      'A new title or body becomes a new version by the caller, scored against the brand voice, and the current one (allowed in DRAFT and IN_REVIEW); a status moves it through review (DRAFT → IN_REVIEW → APPROVED → PUBLISHED, or ARCHIVED); 409 for a move the workflow does not allow',
  })
  @ApiOkResponse({ type: ContentDetailView })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateContentDto): Promise<ContentDetailView> {
    const { content, versions } = await this.editing.update(caller, id, dto);
    return toContentDetailView(content, versions);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('content:write')
  @ApiOperation({ operationId: 'deleteContent', summary: 'Delete content', description: 'Hides the content from every list and read (404 from then on); its rows stay for the record' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.editing.delete(caller.organizationId, id);
  }
}
