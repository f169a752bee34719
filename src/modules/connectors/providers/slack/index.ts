import type { ConnectorDefinition } from '../../connector-definition';
import { slackManifest } from './manifest';
import { slackMock } from './mock';
import { slackReal } from './real';

export const slackConnector: ConnectorDefinition = { manifest: slackManifest, mock: slackMock, real: slackReal };
