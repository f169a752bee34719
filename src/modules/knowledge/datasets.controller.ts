import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import type { Principal } from '../api-keys/api-keys.service';
import { Authenticated, CurrentPrincipal } from '../auth/authenticated.decorator';
import { DatasetsService } from './datasets.service';
import { CreateDatasetDto, DatasetResponse, toDatasetResponse } from './dto/dataset.dto';
import { SearchDatasetDto, SearchResponse, toSearchResponse } from './dto/search.dto';
import { KnowledgeSearch } from './knowledge-search';
import { RequirePermission } from '../auth/permissions/require-permission.decorator';
import { NotAChange } from '../audit/not-a-change.decorator';

const uuid = () => new ParseUUIDPipe();

@ApiTags('knowledge')
@Authenticated()
@Controller('v1/datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService, private readonly knowledge: KnowledgeSearch) {}

  @Post()
  @RequirePermission('knowledge:write')
  @ApiOperation({ operationId: 'createDataset', summary: 'Create a dataset', description: 'A named collection of documents, searched as one' })
  @ApiCreatedResponse({ type: DatasetResponse })
  @ApiErrors(400, 404, 409)
  async create(@CurrentPrincipal() caller: Principal, @Body() dto: CreateDatasetDto): Promise<DatasetResponse> {
    return toDatasetResponse(await this.datasets.create(caller.organizationId, dto));
  }

  @Get()
  @RequirePermission('knowledge:read')
  @ApiOperation({ operationId: 'listDatasets', summary: 'List datasets', description: "The organization's datasets, newest first" })
  @ApiOkResponse({ type: [DatasetResponse] })
  async list(@CurrentPrincipal() caller: Principal): Promise<DatasetResponse[]> {
    return (await this.datasets.list(caller.organizationId)).map(toDatasetResponse);
  }

  @Get(':id')
  @RequirePermission('knowledge:read')
  @ApiOperation({ operationId: 'getDataset', summary: 'Get a dataset', description: 'The dataset and how many documents it holds' })
  @ApiOkResponse({ type: DatasetResponse })
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) id: string): Promise<DatasetResponse> {
    return toDatasetResponse(await this.datasets.get(caller.organizationId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('knowledge:write')
  @ApiOperation({ operationId: 'deleteDataset', summary: 'Delete a dataset', description: 'The dataset, its documents and their chunks' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) id: string): Promise<void> {
    return this.datasets.delete(caller.organizationId, id);
  }

  @Post(':id/search')
  @HttpCode(200)
  @NotAChange()
  @RequirePermission('knowledge:read')
  @ApiOperation({
    operationId: 'searchDataset',
    summary: 'Search a dataset',
    description: "Passages of the dataset's READY documents most relevant to the query (semantic and full-text ranking fused), with their documents",
  })
  @ApiOkResponse({ type: SearchResponse })
  @ApiErrors(400, 402, 404, 503)
  async search(@CurrentPrincipal() caller: Principal, @Param('id', uuid()) id: string, @Body() dto: SearchDatasetDto): Promise<SearchResponse> {
    return toSearchResponse(await this.knowledge.search(caller.organizationId, { query: dto.query, k: dto.k, datasetId: id, documentIds: dto.filter?.documentIds }));
  }
}
