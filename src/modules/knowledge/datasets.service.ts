import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { NotFoundError } from '../../common/errors/domain-errors';
import { DatasetRecord, DatasetsRepository } from './datasets.repository';

/** Datasets of the caller's organization: create, read, delete (with their documents and chunks). */
@Injectable()
export class DatasetsService {
  constructor(private readonly datasets: DatasetsRepository, private readonly logger: PinoLogger) {
    logger.setContext(DatasetsService.name);
  }

  async create(organizationId: string, input: { name: string; description?: string; brandId?: string }): Promise<DatasetRecord> {
    if (input.brandId && !(await this.datasets.brandExists(organizationId, input.brandId))) throw new NotFoundError('brand', input.brandId);
    const dataset = await this.datasets.create({ organizationId, ...input });
    this.logger.info({ datasetId: dataset.id }, 'dataset created');
    return dataset;
  }

  list(organizationId: string): Promise<DatasetRecord[]> {
    return this.datasets.list(organizationId);
  }

  async get(organizationId: string, id: string): Promise<DatasetRecord> {
    const dataset = await this.datasets.find(organizationId, id);
    if (!dataset) throw new NotFoundError('dataset', id);
    return dataset;
  }

  /** Another organization's dataset is as absent as one that never existed: 404. */
  async assertExists(organizationId: string, id: string): Promise<void> {
    if (!(await this.datasets.exists(organizationId, id))) throw new NotFoundError('dataset', id);
  }

  async delete(organizationId: string, id: string): Promise<void> {
    if (!(await this.datasets.delete(organizationId, id))) throw new NotFoundError('dataset', id);
    this.logger.info({ datasetId: id }, 'dataset deleted');
  }
}
