import type { ConnectorDefinition } from '../../connector-definition';
import { googleSearchConsoleManifest } from './manifest';
import { googleSearchConsoleMock } from './mock';

/** Mock only: real mode fails at boot until a real implementation lands. */
export const googleSearchConsoleConnector: ConnectorDefinition = { manifest: googleSearchConsoleManifest, mock: googleSearchConsoleMock };
