import type { ConnectorDefinition } from '../../connector-definition';
import { shopifyManifest } from './manifest';
import { shopifyMock } from './mock';
import { shopifyReal } from './real';

export const shopifyConnector: ConnectorDefinition = { manifest: shopifyManifest, mock: shopifyMock, real: shopifyReal };
