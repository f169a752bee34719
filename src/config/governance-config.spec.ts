import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { ConfigurationError, loadConfig } from './app-config';
import { GOVERNANCE_VARIABLES } from './governance-config';

describe('loadGovernanceConfig', () => {
  it('should read retention periods and the export expiry, with 0 keeping a kind forever', () => {
    const sut = loadConfig({ RETENTION_RUN_LOGS_DAYS: '30', RETENTION_AUDIT_LOG_DAYS: '0', RETENTION_BATCH_SIZE: '250', EXPORT_EXPIRY_DAYS: '3' }).governance;

    expect(sut).toEqual({
      retention: { runLogsDays: 30, auditLogDays: 0, deletedContentDays: 30, campaignMetricsDays: 730, sweepEveryMinutes: 60, batchSize: 250 },
      exportExpiryDays: 3,
    });
  });

  it.each([
    ['RETENTION_RUN_LOGS_DAYS', '-1', 'RETENTION_RUN_LOGS_DAYS must be an integer number of days between 0 (keep forever) and 36500 (got "-1")'],
    ['RETENTION_DELETED_CONTENT_DAYS', 'thirty', 'RETENTION_DELETED_CONTENT_DAYS must be an integer number of days'],
    ['RETENTION_BATCH_SIZE', '1', 'RETENTION_BATCH_SIZE must be an integer between 10 and 50000'],
    ['RETENTION_SWEEP_EVERY_MINUTES', '0', 'RETENTION_SWEEP_EVERY_MINUTES must be an integer between 1 and 10080'],
    ['EXPORT_EXPIRY_DAYS', '0', 'EXPORT_EXPIRY_DAYS must be an integer number of days between 1 and 90'],
  ])('should fail the boot on %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('should document every governance variable in config/.env.example', () => {
    const example = readFileSync(join(projectRoot(), 'config', '.env.example'), 'utf8');

    expect(GOVERNANCE_VARIABLES.filter((name) => !new RegExp(`^#?\\s?${name}=`, 'm').test(example))).toEqual([]);
    expect(GOVERNANCE_VARIABLES.length).toBe(7);
  });
});
