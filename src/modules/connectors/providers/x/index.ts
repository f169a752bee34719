import type { ConnectorDefinition } from '../../connector-definition';
import { xManifest } from './manifest';
import { xMock } from './mock';
import { xReal } from './real';

export const xConnector: ConnectorDefinition = { manifest: xManifest, mock: xMock, real: xReal };
