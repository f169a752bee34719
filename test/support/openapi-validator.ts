import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = unknown;

/**
 * OpenAPI 3.0 schemas as JSON Schema. `nullable: true` adds "null" to the `type` beside it, and
 * only then: OpenAPI 3.0.3 gives it no effect without one (beside a `$ref` or an `allOf`), which
 * is exactly where a document promising `error: null` breaks strict clients. Everything else of
 * 3.0 is JSON Schema already, or an annotation Ajv ignores (example).
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, example: _example, ...rest } = node as Record<string, Json>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  if (nullable !== true || typeof converted.type !== 'string') return converted;
  const enumValues = Array.isArray(converted.enum) && !converted.enum.includes(null) ? { enum: [...converted.enum, null] } : {};
  return { ...converted, type: [converted.type, 'null'], ...enumValues };
}

/**
 * Validates real response bodies against the document the API serves: the whole document is one
 * Ajv schema, so every `$ref` (`#/components/schemas/...`) resolves inside it.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...(toJsonSchema(document) as object), $id: 'openapi' });
  }

  /** The Ajv errors of `body` as the response of `method path` with `status` (undocumented: throws). */
  errors(method: string, path: string, status: number, body: Json): ValidateFunction['errors'] {
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema'].map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    const validate = this.ajv.getSchema(`openapi#/${pointer}`);
    if (!validate) throw new Error(`${method} ${path} ${status} is not documented with a JSON body`);
    return validate(body) ? null : validate.errors;
  }
}
