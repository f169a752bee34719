import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { EnvironmentVariables } from './environment';

describe('config/.env.example', () => {
  it('should document every variable the service validates', () => {
    const example = readFileSync(join(projectRoot(), 'config', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const validated = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
        .map((m) => m.propertyName),
    );
    expect(validated.size).toBeGreaterThan(5);
    expect([...validated].filter((name) => !documented.has(name))).toEqual([]);
  });
});
