import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { PinoLogger } from 'nestjs-pino';
import { BrandNotFoundError, PersonaNotFoundError } from './brand-errors';
import type { PageQuery } from '../../common/validation/page.query';
import type { CreatePersonaDto, UpdatePersonaDto } from './dto/persona.dto';
import { BrandsRepository } from './persistence/brands.repository';
import { type Page, pageRequestOf } from './persistence/name-page';
import { type PersonaRecord, PersonasRepository } from './persistence/personas.repository';

/** A brand's personas (audience segments), restricted to the caller's organization. */
@Injectable()
export class PersonasService {
  constructor(private readonly brands: BrandsRepository, private readonly personas: PersonasRepository, private readonly logger: PinoLogger) {
    logger.setContext(PersonasService.name);
  }

  /** The brand is locked while its persona is written: it cannot be another organization's, nor vanish meanwhile. */
  @Transactional()
  async create(organizationId: string, brandId: string, dto: CreatePersonaDto): Promise<PersonaRecord> {
    if (!(await this.brands.lock(organizationId, brandId))) throw new BrandNotFoundError(brandId);
    const persona = await this.personas.create(organizationId, brandId, {
      name: dto.name,
      description: dto.description ?? null,
      goals: dto.goals ?? [],
      painPoints: dto.painPoints ?? [],
      channels: dto.channels ?? [],
      attributes: dto.attributes ?? {},
    });
    this.logger.info({ brandId, personaId: persona.id }, 'persona created');
    return persona;
  }

  async list(organizationId: string, brandId: string, query: PageQuery): Promise<Page<PersonaRecord>> {
    if (!(await this.brands.exists(organizationId, brandId))) throw new BrandNotFoundError(brandId);
    return this.personas.list(organizationId, brandId, pageRequestOf(query));
  }

  async get(organizationId: string, brandId: string, id: string): Promise<PersonaRecord> {
    const persona = await this.personas.find(organizationId, brandId, id);
    if (!persona) throw new PersonaNotFoundError(id);
    return persona;
  }

  async update(organizationId: string, brandId: string, id: string, dto: UpdatePersonaDto): Promise<PersonaRecord> {
    const persona = await this.personas.update(organizationId, brandId, id, dto);
    if (!persona) throw new PersonaNotFoundError(id);
    return persona;
  }

  async delete(organizationId: string, brandId: string, id: string): Promise<void> {
    if ((await this.personas.delete(organizationId, brandId, id)) === 0) throw new PersonaNotFoundError(id);
    this.logger.info({ brandId, personaId: id }, 'persona deleted');
  }
}
