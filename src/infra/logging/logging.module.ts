import { Module, RequestMethod } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import type { RequestContext } from '../cls/request-context';
import { PINO_REDACT_PATHS, REDACTED, redactLogFields } from './redaction';

const UNLOGGED_ROUTES = ['health', 'health/live', 'health/ready', 'metrics'];

/** Structured JSON logs; every line carries the request id, organization and user from CLS. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG, ClsService],
      useFactory: (config: AppConfig, cls: ClsService<RequestContext>) => ({
        // Probes and scrapes arrive every few seconds from every replica and are never logged:
        // they skip the request logger entirely, not just its final line.
        exclude: UNLOGGED_ROUTES.map((path) => ({ method: RequestMethod.GET, path })),
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: PINO_REDACT_PATHS, censor: REDACTED },
          // Fastify assigned the id (validated X-Request-Id or a UUID); reuse it, never invent another.
          genReqId: (req) => String((req as { id?: string }).id),
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
          mixin: () => contextFields(cls),
          formatters: { log: redactLogFields },
          // Method and path only: headers, bodies and query strings (an OAuth callback's code and state) are where secrets live.
          serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: String(req.url).split('?')[0] }) },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

function contextFields(cls: ClsService<RequestContext>): Record<string, string | undefined> {
  if (!cls.isActive()) return {};
  return { requestId: cls.getId(), organizationId: cls.get('organizationId'), userId: cls.get('userId') };
}
