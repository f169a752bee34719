import type { ConnectorDefinition } from '../../connector-definition';
import { facebookManifest } from './manifest';
import { facebookMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const facebookConnector: ConnectorDefinition = { manifest: facebookManifest, mock: facebookMock };
