import type { ConnectorDefinition } from '../../connector-definition';
import { outlookManifest } from './manifest';
import { outlookMock } from './mock';
import { outlookReal } from './real';

/** Outlook and Microsoft 365 mailboxes through Microsoft Graph, OAuth2 (Mail.Send, Mail.Read). */
export const outlookConnector: ConnectorDefinition = {
  manifest: outlookManifest,
  mock: outlookMock,
  real: outlookReal,
};
