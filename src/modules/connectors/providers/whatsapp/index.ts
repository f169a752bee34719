import type { ConnectorDefinition } from '../../connector-definition';
import { whatsappManifest } from './manifest';
import { whatsappMock } from './mock';

/** Mock only for now: real mode fails at boot with the variable to change. */
export const whatsappConnector: ConnectorDefinition = { manifest: whatsappManifest, mock: whatsappMock };
