import type { ConnectorDefinition } from '../../connector-definition';
import { redditManifest } from './manifest';
import { redditMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const redditConnector: ConnectorDefinition = { manifest: redditManifest, mock: redditMock };
