import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import {
  CreateEditorialEntryDto,
  EditorialEntryPage,
  EditorialEntryResponse,
  ListEditorialEntriesQuery,
  toEditorialEntryResponse,
  UpdateEditorialEntryDto,
} from './dto/editorial-entry.dto';
import { EditorialEntriesService } from './editorial-entries.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('editorial calendar')
@Authenticated()
@Controller('v1/editorial-entries')
export class EditorialEntriesController {
  constructor(private readonly entries: EditorialEntriesService) {}

  @Post()
  @RequirePermission('seo:write')
  @ApiOperation({ operationId: 'createEditorialEntry', summary: 'Add an entry to the calendar', description: "A person's own entry (PLANNED unless PROPOSED is asked for), optionally for one of the organization's keywords" })
  @ApiCreatedResponse({ type: EditorialEntryResponse })
  @ApiErrors(400, 404)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateEditorialEntryDto): Promise<EditorialEntryResponse> {
    return toEditorialEntryResponse(await this.entries.create(caller.organizationId, dto));
  }

  @Get()
  @RequirePermission('seo:read')
  @ApiOperation({ operationId: 'listEditorialEntries', summary: 'List the calendar', description: 'Entries by planned day, filtered by status, days (from and to, inclusive) or keyword; cursor pagination' })
  @ApiOkResponse({ type: EditorialEntryPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListEditorialEntriesQuery): Promise<EditorialEntryPage> {
    const page = await this.entries.list(caller.organizationId, query);
    return { items: page.items.map(toEditorialEntryResponse), nextCursor: page.nextCursor };
  }

  @Get(':entryId')
  @RequirePermission('seo:read')
  @ApiOperation({ operationId: 'getEditorialEntry', summary: 'Get an entry', description: 'One entry of the calendar' })
  @ApiOkResponse({ type: EditorialEntryResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('entryId', new ParseUUIDPipe()) entryId: string): Promise<EditorialEntryResponse> {
    return toEditorialEntryResponse(await this.entries.get(caller.organizationId, entryId));
  }

  @Patch(':entryId')
  @RequirePermission('seo:write')
  @ApiOperation({
    operationId: 'updateEditorialEntry',
    summary: 'Update an entry',
    description: 'Change the fields sent. Status moves one step (PROPOSED -> PLANNED -> IN_PROGRESS -> DONE) or to DROPPED from any other status; any other move is 409',
  })
  @ApiOkResponse({ type: EditorialEntryResponse })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('entryId', new ParseUUIDPipe()) entryId: string, @Body() dto: UpdateEditorialEntryDto): Promise<EditorialEntryResponse> {
    return toEditorialEntryResponse(await this.entries.update(caller.organizationId, entryId, dto));
  }
}
