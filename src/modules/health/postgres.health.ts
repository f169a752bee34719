import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE_CONNECTION, DatabaseConnection } from '../../infra/database/database-connection';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { withTimeout } from '../../infra/redis/redis.service';

export const DEPENDENCY_TIMEOUT_MS = 1_000;

@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  async check(): Promise<HealthIndicatorResult<'postgres'>> {
    const indicator = this.indicators.check('postgres');
    const started = performance.now();
    try {
      await withTimeout(this.prisma.$queryRaw`SELECT 1`, DEPENDENCY_TIMEOUT_MS, 'postgres ping');
      return indicator.up({ database: this.connection.kind, latencyMs: Math.round(performance.now() - started) });
    } catch (error) {
      return indicator.down({ database: this.connection.kind, message: (error as Error).message });
    }
  }
}
