import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/app-config';
import { safeFetch } from '../intake/safe-fetch';

export interface FetchedSource {
  bytes: Buffer;
  /** The media type with its charset parameter, as normalize reads it. */
  contentType: string;
}

/** safeFetch with the deployment's limits: size, time, and whether private addresses may be reached. */
@Injectable()
export class SourceFetcher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async fetch(url: string): Promise<FetchedSource> {
    const { fetchMaxBytes, fetchTimeoutMs, allowPrivateUrls } = this.config.knowledge;
    const fetched = await safeFetch(url, { maxBytes: fetchMaxBytes, timeoutMs: fetchTimeoutMs, allowPrivateAddresses: allowPrivateUrls });
    return { bytes: fetched.bytes, contentType: fetched.charset ? `${fetched.contentType}; charset=${fetched.charset}` : fetched.contentType };
  }
}
