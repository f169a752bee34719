import type { ConnectorDefinition } from '../../connector-definition';
import { youtubeManifest } from './manifest';
import { youtubeMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const youtubeConnector: ConnectorDefinition = { manifest: youtubeManifest, mock: youtubeMock };
