import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { BrandsService } from './brands.service';
import { BrandPage, BrandResponse, CreateBrandDto, toBrandResponse, UpdateBrandDto } from './dto/brand.dto';
import { PageQuery } from '../../common/validation/page.query';
import { ScoreTextDto, toVoiceScoreResponse, VoiceScoreResponse } from './dto/score.dto';
import { VoiceScorer } from './scoring/voice-scorer';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';
import { NotAChange } from '../audit/not-a-change.decorator';

@ApiTags('brands')
@Authenticated()
@Controller('v1/brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService, private readonly scorer: VoiceScorer) {}

  @Post()
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'createBrand', summary: 'Create a brand', description: 'Create a brand of the organization; names are unique within it' })
  @ApiCreatedResponse({ type: BrandResponse })
  @ApiErrors(400, 409)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateBrandDto): Promise<BrandResponse> {
    return toBrandResponse(await this.brands.create(caller.organizationId, dto));
  }

  @Get()
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'listBrands', summary: 'List brands', description: "List the organization's brands by name, with cursor pagination" })
  @ApiOkResponse({ type: BrandPage })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: PageQuery): Promise<BrandPage> {
    const page = await this.brands.list(caller.organizationId, query);
    return { items: page.items.map(toBrandResponse), nextCursor: page.nextCursor };
  }

  @Get(':brandId')
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'getBrand', summary: 'Get a brand', description: 'One brand of the organization' })
  @ApiOkResponse({ type: BrandResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string): Promise<BrandResponse> {
    return toBrandResponse(await this.brands.get(caller.organizationId, brandId));
  }

  @Patch(':brandId')
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'updateBrand', summary: 'Update a brand', description: 'Change the fields sent; null clears description or website' })
  @ApiOkResponse({ type: BrandResponse })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Body() dto: UpdateBrandDto): Promise<BrandResponse> {
    return toBrandResponse(await this.brands.update(caller.organizationId, brandId, dto));
  }

  @Delete(':brandId')
  @HttpCode(204)
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'deleteBrand', summary: 'Delete a brand', description: 'Delete a brand with its voices and personas' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string): Promise<void> {
    return this.brands.delete(caller.organizationId, brandId);
  }

  @Post(':brandId/score')
  @HttpCode(200)
  @NotAChange()
  @RequirePermission('brands:read')
  @ApiOperation({
    operationId: 'scoreBrandVoice',
    summary: 'Score a text against a brand voice',
    description: "How well a text matches a voice (the brand's default unless voiceId is given): similarity to its examples and its rules. Embeds the text on the organization's token budget.",
  })
  @ApiOkResponse({ type: VoiceScoreResponse })
  @ApiErrors(400, 402, 404, 422)
  async score(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Body() dto: ScoreTextDto): Promise<VoiceScoreResponse> {
    const request = { brandId, text: dto.text, ...(dto.voiceId !== undefined ? { voiceId: dto.voiceId } : {}) };
    return toVoiceScoreResponse(await this.scorer.score(caller.organizationId, request));
  }
}
