import type { ConnectorDefinition } from '../../connector-definition';
import { twilioManifest } from './manifest';
import { twilioMock } from './mock';
import { twilioReal } from './real';

export const twilioConnector: ConnectorDefinition = { manifest: twilioManifest, mock: twilioMock, real: twilioReal };
