import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from '../modules/auth/authenticated.decorator';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('NeonHub API')
    .setDescription(
      'Runs marketing agents against real channels; every run and tool call is recorded. ' +
        'Everything under /v1 needs `Authorization: Bearer <api key>`. Every error answers ' +
        '`{ statusCode, error, message, requestId }`; send X-Request-Id to correlate.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'nh_ API key' }, API_KEY_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json. */
export function mountOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, version), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
