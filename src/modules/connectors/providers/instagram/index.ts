import type { ConnectorDefinition } from '../../connector-definition';
import { instagramManifest } from './manifest';
import { instagramMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const instagramConnector: ConnectorDefinition = { manifest: instagramManifest, mock: instagramMock };
