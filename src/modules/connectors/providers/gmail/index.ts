import type { ConnectorDefinition } from '../../connector-definition';
import { gmailManifest } from './manifest';
import { gmailMock } from './mock';
import { gmailReal } from './real';

/** Gmail through its REST API, OAuth2 (gmail.send and gmail.readonly). */
export const gmailConnector: ConnectorDefinition = {
  manifest: gmailManifest,
  mock: gmailMock,
  real: gmailReal,
};
