import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { parseMime } from './parse-mime';

export interface ReceivedMail {
  /** MAIL FROM and RCPT TO as the server saw them (not the To/Cc headers). */
  envelope: { mailFrom: string; rcptTo: string[] };
  /** The username the session authenticated as. */
  user: string;
  raw: string;
  headers: Record<string, string>;
  text?: string;
  html?: string;
}

/** Where a scripted refusal answers: the greeting, AUTH, MAIL FROM, RCPT TO or the end of DATA. */
export type SmtpStage = 'connect' | 'auth' | 'mail' | 'rcpt' | 'data';

interface Refusal {
  stage: SmtpStage;
  code: number;
  message: string;
}

export const SMTP_FAKE_CREDENTIALS = { username: 'mailer@example.com', password: 'smtp-fake-password' };

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 for provider tests: AUTH PLAIN and
 * LOGIN checked against one username and password, every accepted message kept with its
 * envelope, raw source and parsed headers and bodies, and scripted refusals (421 at the
 * greeting, 451 at DATA, 535 at AUTH) or a stall that never answers the end of DATA.
 * STARTTLS is not offered: the peer is local and has no certificate a client would trust.
 */
export class SmtpFake {
  readonly received: ReceivedMail[] = [];
  /** AUTH attempts, successful or not: a connection that failed earlier never gets here. */
  authAttempts = 0;
  connections = 0;
  private readonly refusals: Refusal[] = [];
  private stall?: () => void;
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly credentials = SMTP_FAKE_CREDENTIALS) {
    this.server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 100,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback(this.refusal('connect'));
      },
      onAuth: (auth, _session, callback) => {
        this.authAttempts += 1;
        const refused = this.refusal('auth');
        if (refused) return callback(refused);
        if (auth.username !== this.credentials.username || auth.password !== this.credentials.password) {
          return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        }
        callback(null, { user: auth.username });
      },
      onMailFrom: (_address, _session, callback) => callback(this.refusal('mail')),
      onRcptTo: (_address, _session, callback) => callback(this.refusal('rcpt')),
      onData: (stream, session, callback) => void this.receive(stream, session, callback),
    });
  }

  get host(): string {
    return '127.0.0.1';
  }

  get listeningPort(): number {
    return this.port;
  }

  async start(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return { host: this.host, port: this.port };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next time the session reaches `stage`, answer `code` (421, 451, 535, ...) instead. */
  refuseNext(stage: SmtpStage, code: number, message = 'Service not available, try again later'): void {
    this.refusals.push({ stage, code, message });
  }

  /**
   * Take the next message's data but never answer it: the client's socket timeout (or a cancel)
   * has to end the wait. Resolves once the data has arrived, so a test can act mid-transaction.
   */
  stallNextData(): Promise<void> {
    return new Promise((resolve) => (this.stall = resolve));
  }

  reset(): void {
    this.received.length = 0;
    this.refusals.length = 0;
    this.stall = undefined;
    this.authAttempts = 0;
    this.connections = 0;
  }

  private refusal(stage: SmtpStage): Error | null {
    const index = this.refusals.findIndex((r) => r.stage === stage);
    if (index < 0) return null;
    const [refusal] = this.refusals.splice(index, 1);
    return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const refused = this.refusal('data');
    if (refused) return callback(refused);
    if (this.stall) {
      this.stall();
      this.stall = undefined;
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    this.received.push({
      envelope: { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address) },
      user: String(session.user),
      raw,
      ...parseMime(raw),
    });
    callback();
  }
}
