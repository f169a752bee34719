import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { CreateKeywordDto, KeywordPage, KeywordResponse, ListKeywordsQuery, toKeywordResponse, UpdateKeywordDto } from './dto/keyword.dto';
import { KeywordsService } from './keywords.service';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('keywords')
@Authenticated()
@Controller('v1/keywords')
export class KeywordsController {
  constructor(private readonly keywords: KeywordsService) {}

  @Post()
  @RequirePermission('seo:write')
  @ApiOperation({ operationId: 'createKeyword', summary: 'Add a keyword', description: 'Add a keyword to track; terms are unique in the organization ignoring case ("Cold Brew" is "cold brew")' })
  @ApiCreatedResponse({ type: KeywordResponse })
  @ApiErrors(400, 404, 409)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateKeywordDto): Promise<KeywordResponse> {
    return toKeywordResponse(await this.keywords.create(caller.organizationId, dto));
  }

  @Get()
  @RequirePermission('seo:read')
  @ApiOperation({ operationId: 'listKeywords', summary: 'List keywords', description: "The organization's keywords by term, with their latest Search Console figures and cluster; cursor pagination" })
  @ApiOkResponse({ type: KeywordPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListKeywordsQuery): Promise<KeywordPage> {
    const page = await this.keywords.list(caller.organizationId, query);
    return { items: page.items.map(toKeywordResponse), nextCursor: page.nextCursor };
  }

  @Get(':keywordId')
  @RequirePermission('seo:read')
  @ApiOperation({ operationId: 'getKeyword', summary: 'Get a keyword', description: 'One keyword of the organization' })
  @ApiOkResponse({ type: KeywordResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('keywordId', new ParseUUIDPipe()) keywordId: string): Promise<KeywordResponse> {
    return toKeywordResponse(await this.keywords.get(caller.organizationId, keywordId));
  }

  @Patch(':keywordId')
  @RequirePermission('seo:write')
  @ApiOperation({ operationId: 'updateKeyword', summary: 'Update a keyword', description: 'Change its cluster or intent; null clears them. A later SEO run sets the cluster again' })
  @ApiOkResponse({ type: KeywordResponse })
  @ApiErrors(400, 404)
  async update(@CurrentPrincipal() caller: Principal, @Param('keywordId', new ParseUUIDPipe()) keywordId: string, @Body() dto: UpdateKeywordDto): Promise<KeywordResponse> {
    return toKeywordResponse(await this.keywords.update(caller.organizationId, keywordId, dto));
  }

  @Delete(':keywordId')
  @HttpCode(204)
  @RequirePermission('seo:write')
  @ApiOperation({ operationId: 'deleteKeyword', summary: 'Delete a keyword', description: 'Delete a keyword; its editorial entries stay, unlinked' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('keywordId', new ParseUUIDPipe()) keywordId: string): Promise<void> {
    return this.keywords.delete(caller.organizationId, keywordId);
  }
}
