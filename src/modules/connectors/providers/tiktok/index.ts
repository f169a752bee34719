import type { ConnectorDefinition } from '../../connector-definition';
import { tiktokManifest } from './manifest';
import { tiktokMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const tiktokConnector: ConnectorDefinition = { manifest: tiktokManifest, mock: tiktokMock };
