import type { ConnectorDefinition } from '../../connector-definition';
import { discordManifest } from './manifest';
import { discordMock } from './mock';
import { discordReal } from './real';

export const discordConnector: ConnectorDefinition = { manifest: discordManifest, mock: discordMock, real: discordReal };
