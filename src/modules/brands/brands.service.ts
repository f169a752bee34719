import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { BrandNotFoundError } from './brand-errors';
import type { CreateBrandDto, UpdateBrandDto } from './dto/brand.dto';
import type { PageQuery } from '../../common/validation/page.query';
import { type BrandRecord, BrandsRepository } from './persistence/brands.repository';
import { type Page, pageRequestOf } from './persistence/name-page';

/** The organization's brands. Every method takes the caller's organization: another's brand is not found. */
@Injectable()
export class BrandsService {
  constructor(private readonly brands: BrandsRepository, private readonly logger: PinoLogger) {
    logger.setContext(BrandsService.name);
  }

  async create(organizationId: string, dto: CreateBrandDto): Promise<BrandRecord> {
    const brand = await this.brands.create(organizationId, { name: dto.name, description: dto.description ?? null, website: dto.website ?? null });
    this.logger.info({ brandId: brand.id }, 'brand created');
    return brand;
  }

  list(organizationId: string, query: PageQuery): Promise<Page<BrandRecord>> {
    return this.brands.list(organizationId, pageRequestOf(query));
  }

  async get(organizationId: string, id: string): Promise<BrandRecord> {
    const brand = await this.brands.find(organizationId, id);
    if (!brand) throw new BrandNotFoundError(id);
    return brand;
  }

  async update(organizationId: string, id: string, dto: UpdateBrandDto): Promise<BrandRecord> {
    const brand = await this.brands.update(organizationId, id, dto);
    if (!brand) throw new BrandNotFoundError(id);
    return brand;
  }

  /** Its voices and personas are deleted with it. */
  async delete(organizationId: string, id: string): Promise<void> {
    if ((await this.brands.delete(organizationId, id)) === 0) throw new BrandNotFoundError(id);
    this.logger.info({ brandId: id }, 'brand deleted');
  }
}
