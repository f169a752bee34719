import { Inject, Injectable } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';
import { DATABASE_CONNECTION, DatabaseConnection } from '../database/database-connection';

/** The Prisma client over node-postgres (no engine binary). Only repositories use it, via TransactionHost. */
@Injectable()
export class PrismaService extends PrismaClient {
  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnection) {
    // The embedded database is one session: its single connection is kept, never idled out and reopened.
    const idle = connection.kind === 'embedded' ? { idleTimeoutMillis: 0 } : {};
    super({ adapter: new PrismaPg({ connectionString: connection.url, max: connection.poolSize, connectionTimeoutMillis: 5_000, ...idle }) });
  }
}
