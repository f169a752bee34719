import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { DATABASE_CONNECTION, DatabaseConnection, openDatabase } from '../database/database-connection';
import { DATABASE_POOL, Sql } from '../database/sql';
import { PrismaService } from './prisma.service';

/** One pool per process, for Prisma and for the plain statements of the run engine alike. */
function createPool(connection: DatabaseConnection): Pool {
  // The embedded database is one session: its single connection is kept, never idled out and reopened.
  const idle = connection.kind === 'embedded' ? { idleTimeoutMillis: 0 } : {};
  const pool = new Pool({ connectionString: connection.url, max: connection.poolSize, connectionTimeoutMillis: 5_000, ...idle });
  // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) => new Logger('Database').warn(`idle database connection lost: ${error.message}`));
  return pool;
}

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config, new Logger('Database')),
    },
    { provide: DATABASE_POOL, inject: [DATABASE_CONNECTION], useFactory: createPool },
    PrismaService,
    Sql,
  ],
  exports: [PrismaService, Sql, DATABASE_CONNECTION],
})
export class PrismaModule implements OnApplicationShutdown {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  // One hook, so the pool is drained before the embedded server under it stops.
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    if (!this.pool.ended) await this.pool.end();
    await this.connection.close();
  }
}
