import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { PersonasService } from './personas.service';
import { PageQuery } from '../../common/validation/page.query';
import { CreatePersonaDto, PersonaPage, PersonaResponse, toPersonaResponse, UpdatePersonaDto } from './dto/persona.dto';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';

@ApiTags('brands')
@Authenticated()
@Controller('v1/brands/:brandId/personas')
export class PersonasController {
  constructor(private readonly personas: PersonasService) {}

  @Post()
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'createPersona', summary: 'Create a persona', description: 'Create an audience segment of the brand; names are unique within it' })
  @ApiCreatedResponse({ type: PersonaResponse })
  @ApiErrors(400, 404, 409)
  async create(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Body() dto: CreatePersonaDto): Promise<PersonaResponse> {
    return toPersonaResponse(await this.personas.create(caller.organizationId, brandId, dto));
  }

  @Get()
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'listPersonas', summary: 'List personas', description: "List the brand's personas by name, with cursor pagination" })
  @ApiOkResponse({ type: PersonaPage })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Query() query: PageQuery): Promise<PersonaPage> {
    const page = await this.personas.list(caller.organizationId, brandId, query);
    return { items: page.items.map(toPersonaResponse), nextCursor: page.nextCursor };
  }

  @Get(':personaId')
  @RequirePermission('brands:read')
  @ApiOperation({ operationId: 'getPersona', summary: 'Get a persona', description: 'One persona of the brand' })
  @ApiOkResponse({ type: PersonaResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentPrincipal() caller: Principal,
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('personaId', new ParseUUIDPipe()) personaId: string,
  ): Promise<PersonaResponse> {
    return toPersonaResponse(await this.personas.get(caller.organizationId, brandId, personaId));
  }

  @Patch(':personaId')
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'updatePersona', summary: 'Update a persona', description: 'Change the fields sent; null clears the description, and attributes are replaced whole' })
  @ApiOkResponse({ type: PersonaResponse })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentPrincipal() caller: Principal,
    @Param('brandId', new ParseUUIDPipe()) brandId: string,
    @Param('personaId', new ParseUUIDPipe()) personaId: string,
    @Body() dto: UpdatePersonaDto,
  ): Promise<PersonaResponse> {
    return toPersonaResponse(await this.personas.update(caller.organizationId, brandId, personaId, dto));
  }

  @Delete(':personaId')
  @HttpCode(204)
  @RequirePermission('brands:write')
  @ApiOperation({ operationId: 'deletePersona', summary: 'Delete a persona', description: 'Delete a persona of the brand' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('brandId', new ParseUUIDPipe()) brandId: string, @Param('personaId', new ParseUUIDPipe()) personaId: string): Promise<void> {
    return this.personas.delete(caller.organizationId, brandId, personaId);
  }
}
