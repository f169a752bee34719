import type { ConnectorDefinition } from '../../connector-definition';
import { googleAdsManifest } from './manifest';
import { googleAdsMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const googleAdsConnector: ConnectorDefinition = { manifest: googleAdsManifest, mock: googleAdsMock };
