import { createServer } from 'node:net';
import { ConfigurationError } from '../config/app-config';

/**
 * Fails with one line naming PORT when another process holds the port, before anything slow or
 * stateful starts (the embedded database is created, migrated and seeded first otherwise, and the
 * collision surfaced only after "successfully started"). A probe listener is opened and closed on
 * the address the app binds.
 */
export function assertPortFree(port: number, host = '0.0.0.0'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new ConfigurationError(`Invalid configuration: PORT ${port} is ${error.code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; stop what holds it or set PORT to a free port`)
          : error,
      );
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
