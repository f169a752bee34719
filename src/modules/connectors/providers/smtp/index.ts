import type { ConnectorDefinition } from '../../connector-definition';
import { smtpManifest } from './manifest';
import { smtpMock } from './mock';
import { createSmtpActions } from './real';

/** Generic email over the organization's SMTP server (nodemailer). */
export const smtpConnector: ConnectorDefinition = {
  manifest: smtpManifest,
  mock: smtpMock,
  real: () => createSmtpActions(),
};
