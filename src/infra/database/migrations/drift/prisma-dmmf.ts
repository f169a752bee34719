import { get_dmmf } from '@prisma/prisma-schema-wasm';

/*
 * schema.prisma is parsed and validated by Prisma's own parser: @prisma/prisma-schema-wasm is the
 * wasm build of prisma-engines' psl that the Prisma CLI itself bundles, pinned to the engines
 * version of prisma 7.10.0. It runs offline and gives the DMMF datamodel. Only the parts read
 * here are typed.
 */

export interface DmmfDatamodel {
  enums: DmmfEnum[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

export interface DmmfModel {
  name: string;
  dbName?: string | null;
  fields: DmmfField[];
}

export type DmmfDefault =
  | { name: string; args: unknown[] }
  | string
  | number
  | boolean
  | (string | number | boolean)[];

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt?: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

/** A schema split over several files is passed as [path, content] pairs, one schema in Prisma's eyes. */
export type SchemaFiles = [path: string, content: string][];

export function readDatamodel(files: SchemaFiles): DmmfDatamodel {
  let json: string;
  try {
    json = get_dmmf(JSON.stringify({ prismaSchema: files }));
  } catch (error) {
    throw new Error(`schema.prisma is not valid: ${wasmErrorMessage(error)}`);
  }
  return (JSON.parse(json) as { datamodel: DmmfDatamodel }).datamodel;
}

/** The wasm throws an Error whose message is JSON `{ error_code, message }`, coloured for a terminal. */
function wasmErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw;
  try {
    message = (JSON.parse(raw) as { message?: string }).message ?? raw;
  } catch {
    // not JSON: keep as is
  }
  // eslint-disable-next-line no-control-regex
  return message.replace(/\u001b\[[0-9;]*m/g, '').trim();
}
