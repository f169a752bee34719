import type { JSONSchema7, JSONSchema7Definition } from '@ai-sdk/provider';
import { fnv1a32, wordsOf } from './feature-hash';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const FORMATTED: Record<string, string> = {
  email: 'offline@example.com',
  uri: 'https://example.com/offline',
  url: 'https://example.com/offline',
  'date-time': '2026-01-01T00:00:00.000Z',
  date: '2026-01-01',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/**
 * A value for `schema` made from `material` (the prompt's words): strings are runs of those words,
 * numbers, booleans and enums are deterministic, arrays hold 1-3 items, every property (required
 * or not) is present. The same schema and material always give the same value, so tests can
 * assert on it. `$ref`s into `definitions`/`$defs` (class-validator-jsonschema's nesting) are followed.
 */
export function fillSchema(schema: JSONSchema7, material: string): Json {
  const words = wordsOf(material);
  return new Filler(schema, words.length > 0 ? words : ['offline']).fill(schema, '$', 0);
}

class Filler {
  constructor(
    private readonly root: JSONSchema7,
    private readonly words: string[],
  ) {}

  fill(definition: JSONSchema7Definition, path: string, depth: number): Json {
    if (typeof definition === 'boolean') return null;
    const schema = this.resolve(definition);
    if (schema.const !== undefined) return schema.const as Json;
    if (schema.enum && schema.enum.length > 0) return schema.enum[fnv1a32(path) % schema.enum.length] as Json;
    const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
    if (variant !== undefined && !schema.type) return this.fill(variant, path, depth);
    const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : (schema.type ?? (schema.properties ? 'object' : 'string'));
    switch (type) {
      case 'object':
        return this.object(schema, path, depth);
      case 'array':
        return this.array(schema, path, depth);
      case 'integer':
      case 'number':
        return this.number(schema, path, type === 'integer');
      case 'boolean':
        return fnv1a32(path) % 2 === 0;
      case 'null':
        return null;
      default:
        return this.string(schema, path);
    }
  }

  private resolve(schema: JSONSchema7): JSONSchema7 {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace(/^#\/(definitions|\$defs)\//, '');
    const target = this.root.definitions?.[name] ?? this.root.$defs?.[name];
    return typeof target === 'object' ? target : {};
  }

  private object(schema: JSONSchema7, path: string, depth: number): Json {
    const value: Record<string, Json> = {};
    // Deep recursive DTOs stop at a few levels: required fields are still filled, optional ones end the chain.
    const names = new Set([...(schema.required ?? []), ...(depth < 4 ? Object.keys(schema.properties ?? {}) : [])]);
    for (const name of names) value[name] = this.fill(schema.properties?.[name] ?? {}, `${path}.${name}`, depth + 1);
    return value;
  }

  private array(schema: JSONSchema7, path: string, depth: number): Json {
    const min = schema.minItems ?? 1;
    const max = Math.max(min, schema.maxItems ?? 3);
    const count = Math.min(max, Math.max(min, 1 + (fnv1a32(path) % 3)));
    const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
    return Array.from({ length: count }, (_, i) => this.fill(items ?? {}, `${path}[${i}]`, depth + 1));
  }

  private number(schema: JSONSchema7, path: string, integer: boolean): number {
    const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
    const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : low + 100);
    const span = Math.max(0, Math.floor(high - low));
    const value = low + (span === 0 ? 0 : fnv1a32(path) % (span + 1));
    return integer ? Math.ceil(value) : value;
  }

  private string(schema: JSONSchema7, path: string): string {
    if (schema.format && FORMATTED[schema.format]) return FORMATTED[schema.format];
    const start = fnv1a32(path) % this.words.length;
    const count = 1 + (fnv1a32(`${path}#n`) % 6);
    const picked = Array.from({ length: count }, (_, i) => this.words[(start + i) % this.words.length]);
    let text = picked.join(' ');
    const min = schema.minLength ?? 1;
    while (text.length < min) text = `${text} ${this.words.join(' ')}`.trim();
    return schema.maxLength !== undefined ? text.slice(0, schema.maxLength).trimEnd() || text.slice(0, schema.maxLength) : text;
  }
}
