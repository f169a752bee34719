import { isIP } from 'node:net';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); otherwise STARTTLS on a plain connection. */
  secure: boolean;
  username: string;
  password: string;
  fromAddress: string;
  /** The relay runs on this machine: nothing to eavesdrop on between us. */
  loopback: boolean;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * The organization's SMTP server, from the connection's clear metadata (host, port, secure,
 * username, fromAddress) and its vaulted password. Missing or malformed settings are the
 * connection's fault, not the action input's: they answer NOT_CONNECTED with what to fix.
 */
export function smtpSettings(context: Pick<ConnectorCallContext, 'metadata' | 'secrets'>): SmtpSettings {
  const { metadata, secrets } = context;
  const problem = (what: string) => new ConnectorError('NOT_CONNECTED', `connector smtp is not fully connected: ${what}; set it with PUT /v1/connectors/smtp/credentials`);
  const host = metadata.host?.trim();
  if (!host) throw problem('metadata.host is missing');
  if (!secrets.password) throw problem('the password is missing');
  const secure = metadata.secure === 'true';
  const port = metadata.port ? Number(metadata.port) : secure ? 465 : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw problem('metadata.port must be a port number');
  const username = metadata.username?.trim() || metadata.fromAddress?.trim();
  if (!username) throw problem('metadata.username is missing');
  const fromAddress = metadata.fromAddress?.trim() || username;
  if (!EMAIL.test(fromAddress)) throw problem('metadata.fromAddress must be an email address');
  return { host, port, secure, username, password: secrets.password, fromAddress, loopback: isLoopback(host) };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
