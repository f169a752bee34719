import type { ConnectorDefinition } from '../../connector-definition';
import { stripeManifest } from './manifest';
import { stripeMock } from './mock';
import { stripeReal } from './real';

export const stripeConnector: ConnectorDefinition = { manifest: stripeManifest, mock: stripeMock, real: stripeReal };
