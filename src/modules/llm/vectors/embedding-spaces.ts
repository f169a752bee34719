import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { Sql } from '../../../infra/database/sql';
import { LanguageModels } from '../language-models';

export interface EmbeddingSpace {
  id: string;
  provider: string;
  model: string;
  dimensions: number;
}

const UPSERT = `
  INSERT INTO embedding_spaces (provider, model, dimensions) VALUES ($1, $2, $3)
  ON CONFLICT (provider, model, dimensions) DO UPDATE SET provider = EXCLUDED.provider
  RETURNING id, provider, model, dimensions`;

/**
 * The embedding space of the configured embedding model: stored vectors carry its id, and
 * searches compare only vectors of the current space (a vector of another model is noise, not a
 * worse match). Looked up once per process; the row is created on first use.
 */
@Injectable()
export class EmbeddingSpaces {
  private current?: Promise<EmbeddingSpace>;

  constructor(private readonly sql: Sql, private readonly models: LanguageModels, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  currentSpace(): Promise<EmbeddingSpace> {
    this.current ??= this.sql
      .maybeOne<EmbeddingSpace>(UPSERT, [this.models.embedding.provider, this.models.embedding.modelId, this.config.llm.embeddingDimensions])
      .then((row) => row as EmbeddingSpace)
      .catch((error: unknown) => {
        this.current = undefined; // a database blip must not stick for the life of the process
        throw error;
      });
    return this.current;
  }
}
