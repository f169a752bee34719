import type { ConnectorDefinition } from '../../connector-definition';
import { linkedinManifest } from './manifest';
import { linkedinMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const linkedinConnector: ConnectorDefinition = { manifest: linkedinManifest, mock: linkedinMock };
