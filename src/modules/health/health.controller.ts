import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ModuleRef } from '@nestjs/core';
import { ConnectorRegistry } from '../connectors/connector-registry';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { DATABASE_CONNECTION, DatabaseConnection } from '../../infra/database/database-connection';
import { HealthResponse, HealthSummaryResponse } from './dto/health.response';
import { ReadinessService } from './readiness.service';

const LIVE: HealthResponse = Object.freeze({ status: 'ok', info: {}, error: {}, details: {} });

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness', description: 'Liveness: the process answers. Never touches a dependency.' })
  @ApiOkResponse({ type: HealthResponse })
  live(): HealthResponse {
    // Terminus's answer for no indicators, without running its executor on every probe.
    return LIVE;
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness', description: 'Readiness: Postgres and Redis each answer within 1 s' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'A dependency is down; details name it' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const result = await this.readiness.check();
    if (result.status !== 'ok') void reply.status(503);
    return result;
  }

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Health summary', description: 'Readiness plus version, uptime and which database is in use' })
  @ApiOkResponse({ type: HealthSummaryResponse })
  @ApiServiceUnavailableResponse({ type: HealthSummaryResponse })
  async summary(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthSummaryResponse> {
    const result = await this.ready(reply);
    return {
      ...result,
      version: this.config.version,
      uptimeSeconds: Math.round(process.uptime() * 10) / 10,
      database: this.connection.kind,
      mockConnectors: this.mockConnectors(),
    };
  }

  /** Mock mode must never go unnoticed, least of all in production. */
  private mockConnectors(): string[] {
    const registry = this.moduleRef.get(ConnectorRegistry, { strict: false });
    return registry.enabled().filter((p) => p.mode === 'mock').map((p) => p.manifest.key);
  }
}

