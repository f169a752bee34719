import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { NodemailerError } from 'nodemailer';
import type { SmtpSettings } from './smtp-settings';

/** How far a session got: only an error while the message is on the wire may have delivered it. */
export type SmtpPhase = 'connecting' | 'authenticating' | 'sending';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on an open connection, including the wait for the reply to the message data. */
  socketMs: number;
}

/** Nodemailer's defaults (2 min to connect, 10 min of silence) would hold an agent's tool call far past its own timeout. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

export class SmtpSessionError extends Error {
  constructor(readonly smtpError: NodemailerError, readonly phase: SmtpPhase) {
    super(smtpError.message);
  }
}

export interface SmtpSentInfo {
  accepted: string[];
  rejected: string[];
  response: string;
}

/**
 * One SMTP session with nodemailer's SMTPConnection: connect, authenticate (unless told not to),
 * run `work`, QUIT. Driving the connection ourselves (rather than a transport) tells which phase
 * failed, and so whether a failed send may have delivered the message. Every failure is a
 * SmtpSessionError carrying that phase; an abort closes the connection and rejects with the
 * signal's reason.
 */
export async function withSmtpSession<T>(
  settings: SmtpSettings,
  options: { timeouts: SmtpTimeouts; signal: AbortSignal; authenticate?: boolean },
  work: (send: (envelope: { from: string; to: string[] }, raw: Buffer) => Promise<SmtpSentInfo>) => Promise<T>,
): Promise<T> {
  const { timeouts, signal } = options;
  signal.throwIfAborted();
  let phase: SmtpPhase = 'connecting';
  const connection = new SMTPConnection({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // Credentials never cross a network in clear: STARTTLS is required unless the relay is on this machine.
    requireTLS: !settings.secure && !settings.loopback,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    logger: false,
  });
  let onAbort: () => void = () => undefined;
  // Errors arrive as 'error' events (connection level) or through the step's callback (replies).
  // `on`, not `once`: a second error (say, while closing) must not become an unhandled event.
  const broken = new Promise<never>((_resolve, reject) => {
    connection.on('error', (error: NodemailerError) => reject(new SmtpSessionError(error, phase)));
    onAbort = () => {
      connection.close();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  broken.catch(() => undefined);
  const step = <R>(run: (done: (error: NodemailerError | null | undefined, result?: R) => void) => void): Promise<R> =>
    Promise.race([
      broken,
      new Promise<R>((resolve, reject) => run((error, result) => (error ? reject(new SmtpSessionError(error, phase)) : resolve(result as R)))),
    ]);

  try {
    await step<void>((done) => connection.connect((error) => done(error)));
    if (options.authenticate !== false) {
      phase = 'authenticating';
      await step<boolean>((done) => connection.login({ user: settings.username, pass: settings.password }, done));
    }
    const result = await work((envelope, raw) => {
      phase = 'sending';
      return step((done) => connection.send(envelope, raw, done));
    });
    connection.quit();
    return result;
  } catch (error) {
    connection.close();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
