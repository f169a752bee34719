import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { BrandVoicesService } from './brand-voices.service';
import { PageQuery } from '../../common/validation/page.query';
import { CreateVoiceDto, toVoiceResponse, UpdateVoiceDto, VoicePage, VoiceResponse } from './dto/voice.dto';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('brands')
@Authenticated()
@Controller('v1/brands/:brandId/voices')
export class BrandVoicesController {
  constructor(private readonly voices: BrandVoicesService) {}

  @Post()
  @RequirePermission('brands:write')
  @ApiOperation({
    operationId: 'createBrandVoice',
    summary: 'Create a brand voice',
    description: "Create a voice of the brand; its examples are embedded on the organization's token budget (402 when spent, and nothing is written)",
  })
  @ApiCreatedResponse({ type: VoiceResponse })
  @ApiErrors(400, 402, 404, 409)
  async create(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Body() dto: CreateVoiceDto): Promise<VoiceResponse> {
    return toVoiceResponse(await this.voices.create(caller.organizationId, brandId, dto));
  }

  @Get()
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'listBrandVoices', summary: 'List brand voices', description: "List the brand's voices by name, with cursor pagination" })
  @ApiOkResponse({ type: VoicePage })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Query() query: PageQuery): Promise<VoicePage> {
    const page = await this.voices.list(caller.organizationId, brandId, query);
    return { items: page.items.map(toVoiceResponse), nextCursor: page.nextCursor };
  }

  @Get(':voiceId')
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'getBrandVoice', summary: 'Get a brand voice', description: 'One voice of the brand (never its embedding vector)' })
  @ApiOkResponse({ type: VoiceResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentPrincipal() caller: Principal,
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('voiceId', new ParseUUIDPipe()) voiceId: string,
  ): Promise<VoiceResponse> {
    return toVoiceResponse(await this.voices.get(caller.organizationId, brandId, voiceId));
  }

  @Patch(':voiceId')
  @RequirePermission('brands:write')
  @ApiOperation({
    operationId: 'updateBrandVoice',
    summary: 'Update a brand voice',
    description: "Change the fields sent; new examples are embedded again (on the token budget), and isDefault true unsets the brand's other default",
  })
  @ApiOkResponse({ type: VoiceResponse })
  @ApiErrors(400, 402, 404, 409)
  async update(
    @CurrentPrincipal() caller: Principal,
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('voiceId', new ParseUUIDPipe()) voiceId: string,
    @Body() dto: UpdateVoiceDto,
  ): Promise<VoiceResponse> {
    return toVoiceResponse(await this.voices.update(caller.organizationId, brandId, voiceId, dto));
  }

  @Delete(':voiceId')
  @HttpCode(204)
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'deleteBrandVoice', summary: 'Delete a brand voice', description: 'Delete a voice of the brand' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Param('voiceId', new ParseUUIDPipe()) voiceId: string): Promise<void> {
    return this.voices.delete(caller.organizationId, brandId, voiceId);
  }
}
