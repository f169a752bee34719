import type { JSONSchema7 } from '@ai-sdk/provider';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';

// class-transformer's own registry of @Type() targets (not in its public exports, hence the require):
// without it a nested DTO's schema is an unnamed `Array` reference.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

const OPTIONS = { refPointerPrefix: '#/definitions/', classTransformerMetadataStorage: defaultMetadataStorage };

/**
 * The JSON schema of a class-validator DTO, with the definitions its nested DTOs `$ref` (and only
 * those: the whole registry would send every DTO of the app to the provider). Unknown properties
 * are refused, matching validatePlain's forbidNonWhitelisted.
 */
export function dtoJsonSchema(dto: new () => object): JSONSchema7 {
  const root = closeObjects(targetConstructorToSchema(dto, OPTIONS) as JSONSchema7);
  const pending = refsIn(root);
  if (pending.length === 0) return root;
  const all = validationMetadatasToSchemas(OPTIONS) as Record<string, JSONSchema7>;
  const definitions: Record<string, JSONSchema7> = {};
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (definitions[name] || !all[name]) continue;
    definitions[name] = closeObjects(all[name]);
    pending.push(...refsIn(all[name]));
  }
  return { ...root, definitions };
}

function closeObjects(schema: JSONSchema7): JSONSchema7 {
  return schema.type === 'object' || schema.properties ? { ...schema, additionalProperties: false } : schema;
}

function refsIn(schema: JSONSchema7): string[] {
  return [...JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]);
}
