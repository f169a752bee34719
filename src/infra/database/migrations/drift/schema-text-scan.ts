import type { SchemaFiles } from './prisma-dmmf';

/*
 * The DMMF leaves out four things the database has: the datasource's `extensions`,
 * `Unsupported("...")` fields (e.g. pgvector columns), the `map:` name of a foreign key, and the
 * indexes Prisma cannot declare (HNSW on a vector, GIN on a tsvector), which the schema states
 * in a comment line inside the model: `// @@rawIndex("name", using: "hnsw", on: "embedding vector_cosine_ops")`.
 * They are read here from the schema text. The schema has already been validated by Prisma's
 * parser (readDatamodel runs first), so this only has to find well-formed declarations, not
 * reject malformed ones; the patterns follow the Prisma grammar for exactly these constructs.
 */

export interface UnsupportedField {
  model: string;
  field: string;
  column: string;
  type: string;
  optional: boolean;
  /** The expression inside `@default(dbgenerated("..."))`, if any. */
  dbDefault: string | null;
}

export interface RawIndex {
  model: string;
  name: string;
  method: string;
  /** Each `column [opclass]`, in order. */
  columns: { column: string; opclass?: string }[];
}

export interface SchemaTextFacts {
  /** Database names of the extensions the datasource declares (`map:` wins over the identifier). */
  extensions: string[];
  unsupportedFields: UnsupportedField[];
  /** `Model.relationField` -> the foreign key name given with `@relation(..., map: "...")`. */
  foreignKeyNames: Map<string, string>;
  rawIndexes: RawIndex[];
}

interface Block {
  keyword: string;
  name: string;
  body: string;
  /** The body with its comments, where the raw-index annotations live. */
  rawBody: string;
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;

export function scanSchemaText(files: SchemaFiles): SchemaTextFacts {
  const blocks = files.flatMap(([, content]) => splitBlocks(content));
  const facts: SchemaTextFacts = { extensions: [], unsupportedFields: [], foreignKeyNames: new Map(), rawIndexes: [] };
  for (const block of blocks) {
    if (block.keyword === 'datasource') facts.extensions.push(...datasourceExtensions(block.body));
    if (block.keyword !== 'model') continue;
    for (const line of block.body.split('\n')) {
      const unsupported = unsupportedField(block.name, line);
      if (unsupported) facts.unsupportedFields.push(unsupported);
      const fk = foreignKeyMap(line);
      if (fk) facts.foreignKeyNames.set(`${block.name}.${fk.field}`, fk.name);
    }
    for (const line of block.rawBody.split('\n')) {
      const raw = rawIndex(block.name, line);
      if (raw) facts.rawIndexes.push(raw);
    }
  }
  return facts;
}

/** Top-level `keyword Name { ... }` blocks, with comments removed; braces inside strings are ignored. */
export function splitBlocks(source: string): Block[] {
  // Stripping keeps every line (only its comment part goes), so line numbers match the source's.
  const text = stripComments(source);
  const sourceLines = source.split('\n');
  const blocks: Block[] = [];
  const header = /(^|\n)\s*(model|datasource|enum|generator|view|type)\s+(\w+)\s*\{/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = header.lastIndex;
    const end = closingBrace(text, start);
    const [first, last] = [lineOf(text, start), lineOf(text, end)];
    blocks.push({ keyword: m[2], name: m[3], body: text.slice(start, end), rawBody: sourceLines.slice(first, last + 1).join('\n') });
    header.lastIndex = end + 1;
  }
  return blocks;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function stripComments(source: string): string {
  return source
    .split('\n')
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (inString && c === '\\') i++;
        else if (c === '"') inString = !inString;
        else if (!inString && c === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

function closingBrace(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
    else if (!inString && c === '}') return i;
  }
  return text.length;
}

function datasourceExtensions(body: string): string[] {
  const list = /(?:^|\n)\s*extensions\s*=\s*\[([^\]]*)\]/.exec(body);
  if (!list) return [];
  return splitTopLevel(list[1]).map((item) => {
    const entry = /^(\w+)\s*(?:\((.*)\))?$/s.exec(item.trim());
    const mapped = entry?.[2] ? new RegExp(`map\\s*:\\s*${STRING}`).exec(entry[2]) : null;
    return mapped ? unescape(mapped[1]) : (entry?.[1] ?? item.trim());
  });
}

/** Splits on commas outside parentheses and strings. */
function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (inString && c === '\\') {
      current += c + (list[++i] ?? '');
      continue;
    }
    if (c === '"') inString = !inString;
    if (!inString && c === '(') depth++;
    if (!inString && c === ')') depth--;
    if (!inString && depth === 0 && c === ',') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter(Boolean);
}

function unsupportedField(model: string, line: string): UnsupportedField | null {
  const m = new RegExp(String.raw`^\s*(\w+)\s+Unsupported\(\s*${STRING}\s*\)(\?|\[\])?(.*)$`).exec(line);
  if (!m) return null;
  const attributes = m[4];
  const mapped = new RegExp(String.raw`@map\(\s*(?:name\s*:\s*)?${STRING}`).exec(attributes);
  const dbDefault = new RegExp(String.raw`@default\(\s*dbgenerated\(\s*${STRING}\s*\)`).exec(attributes);
  return {
    model,
    field: m[1],
    column: mapped ? unescape(mapped[1]) : m[1],
    type: unescape(m[2]) + (m[3] === '[]' ? '[]' : ''),
    optional: m[3] === '?',
    dbDefault: dbDefault ? unescape(dbDefault[1]) : null,
  };
}

function rawIndex(model: string, line: string): RawIndex | null {
  const m = new RegExp(String.raw`^\s*//\s*@@rawIndex\(\s*${STRING}\s*,\s*using\s*:\s*${STRING}\s*,\s*on\s*:\s*${STRING}\s*\)\s*$`).exec(line);
  if (!m) return null;
  const columns = unescape(m[3])
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .map(([column, opclass]) => (opclass ? { column, opclass } : { column }));
  return { model, name: unescape(m[1]), method: unescape(m[2]).toLowerCase(), columns };
}

function foreignKeyMap(line: string): { field: string; name: string } | null {
  const m = /^\s*(\w+)\s+\w+\??\s.*@relation\(([^)]*)\)/.exec(line);
  if (!m) return null;
  const mapped = new RegExp(`map\\s*:\\s*${STRING}`).exec(m[2]);
  return mapped ? { field: m[1], name: unescape(mapped[1]) } : null;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}
