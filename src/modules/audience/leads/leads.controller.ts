import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator';
import type { Principal } from '../../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../../auth/authenticated.decorator';
import { CreateLeadDto, LeadPageView, LeadView, ListLeadsQuery, toLeadView, UpdateLeadDto } from './lead.dto';
import { LeadsService } from './leads.service';
import { RequirePermission } from '../../auth/permissions/require-permission.decorator';

@ApiTags('audience')
@Authenticated()
@Controller('v1/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @RequirePermission('audience:write')
  @ApiOperation({ operationId: 'createLead', summary: 'Add a lead', description: 'A person the organization markets to, by email and/or phone; each address belongs to one lead of the organization' })
  @ApiCreatedResponse({ type: LeadView })
  @ApiErrors(400, 404, 409)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateLeadDto): Promise<LeadView> {
    return toLeadView(await this.leads.create(caller.organizationId, dto));
  }

  @Get()
  @RequirePermission('audience:read')
  @ApiOperation({ operationId: 'listLeads', summary: 'List leads', description: "The organization's leads, newest first, with cursor pagination" })
  @ApiOkResponse({ type: LeadPageView })
  @ApiErrors(400)
  async list(@CurrentPrincipal() caller: Principal, @Query() query: ListLeadsQuery): Promise<LeadPageView> {
    const page = await this.leads.list(caller.organizationId, query);
    return { items: page.items.map(toLeadView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('audience:read')
  @ApiOperation({ operationId: 'getLead', summary: 'Get a lead', description: 'One lead of the organization' })
  @ApiOkResponse({ type: LeadView })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<LeadView> {
    return toLeadView(await this.leads.get(caller.organizationId, id));
  }

  @Patch(':id')
  @RequirePermission('audience:write')
  @ApiOperation({ operationId: 'updateLead', summary: 'Update a lead', description: 'Change the fields sent; null clears email, phone, name or persona (one address must remain). UNSUBSCRIBED suppresses its addresses.' })
  @ApiOkResponse({ type: LeadView })
  @ApiErrors(400, 404, 409)
  async update(@CurrentPrincipal() caller: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateLeadDto): Promise<LeadView> {
    return toLeadView(await this.leads.update(caller.organizationId, id, dto));
  }
}
