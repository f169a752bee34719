import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (scram_iterations), so our verifiers cost what psql's \password would. */
const ITERATIONS = 4096;

export interface ScramKeys {
  storedKey: Buffer;
  serverKey: Buffer;
}

/**
 * Derives the SCRAM-SHA-256 keys of RFC 5802/7677 from a password. Kept separate from the
 * verifier's text form so a spec can check the derivation against the RFC's published exchange.
 * The password goes through NFKC, the normalisation SASLprep applies; plain ASCII is unchanged.
 */
export function scramKeys(password: string, salt: Buffer, iterations = ITERATIONS): ScramKeys {
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  };
}

/**
 * The verifier PostgreSQL stores for a password, in the form ALTER ROLE ... PASSWORD accepts as
 * already hashed. Sending it instead of the password keeps the plain text out of the server's
 * statement log (log_statement = ddl would record an ALTER ROLE verbatim) and out of
 * pg_stat_statements; it is also what psql's \password does.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = ITERATIONS): string {
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
