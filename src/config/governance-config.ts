import { plainToInstance, Transform } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';
import { ConfigurationError } from './app-config-error';

/** Retention of what the platform keeps, and the exports it builds (src/modules/governance). */
export interface GovernanceConfig {
  retention: RetentionConfig;
  /** Days a built export stays downloadable before retention deletes its file. */
  exportExpiryDays: number;
}

/** Periods in days; 0 keeps the kind forever (the sweep skips it). */
export interface RetentionConfig {
  /** Finished runs' step logs, run events: the AgentRun rows and the model-call usage they bill stay. */
  runLogsDays: number;
  auditLogDays: number;
  /** Content soft-deleted (DELETE /v1/content/:id) this long ago is purged with its versions. */
  deletedContentDays: number;
  campaignMetricsDays: number;
  sweepEveryMinutes: number;
  /** Rows one statement deletes: short statements, short locks, however much is due. */
  batchSize: number;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);
const days = (name: string, max = 36_500) => [
  Transform(toInt),
  IsInt({ message: `${name} must be an integer number of days between 0 (keep forever) and ${max}` }),
  Min(0, { message: `${name} must be an integer number of days between 0 (keep forever) and ${max}` }),
  Max(max, { message: `${name} must be an integer number of days between 0 (keep forever) and ${max}` }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/**
 * The variables of this file, validated at boot like EnvironmentVariables (a class of its own so
 * governance settings live beside the code that reads them). Defaults follow the data plan:
 * run logs 90 days, audit trail a year, soft-deleted items 30 days, campaign metrics 2 years.
 * Documented for operators in config/.env.example.
 */
export class GovernanceVariables {
  @apply(days('RETENTION_RUN_LOGS_DAYS'))
  RETENTION_RUN_LOGS_DAYS = 90;

  @apply(days('RETENTION_AUDIT_LOG_DAYS'))
  RETENTION_AUDIT_LOG_DAYS = 365;

  @apply(days('RETENTION_DELETED_CONTENT_DAYS'))
  RETENTION_DELETED_CONTENT_DAYS = 30;

  @apply(days('RETENTION_CAMPAIGN_METRICS_DAYS'))
  RETENTION_CAMPAIGN_METRICS_DAYS = 730;

  @Transform(toInt)
  @IsInt({ message: 'RETENTION_SWEEP_EVERY_MINUTES must be an integer between 1 and 10080' })
  @Min(1, { message: 'RETENTION_SWEEP_EVERY_MINUTES must be an integer between 1 and 10080' })
  @Max(10_080, { message: 'RETENTION_SWEEP_EVERY_MINUTES must be an integer between 1 and 10080' })
  RETENTION_SWEEP_EVERY_MINUTES = 60;

  @Transform(toInt)
  @IsInt({ message: 'RETENTION_BATCH_SIZE must be an integer between 10 and 50000' })
  @Min(10, { message: 'RETENTION_BATCH_SIZE must be an integer between 10 and 50000' })
  @Max(50_000, { message: 'RETENTION_BATCH_SIZE must be an integer between 10 and 50000' })
  RETENTION_BATCH_SIZE = 1000;

  @Transform(toInt)
  @IsInt({ message: 'EXPORT_EXPIRY_DAYS must be an integer number of days between 1 and 90' })
  @Min(1, { message: 'EXPORT_EXPIRY_DAYS must be an integer number of days between 1 and 90' })
  @Max(90, { message: 'EXPORT_EXPIRY_DAYS must be an integer number of days between 1 and 90' })
  EXPORT_EXPIRY_DAYS = 7;
}

/** `defined`: the environment with empty variables already removed (see loadConfig). */
export function loadGovernanceConfig(defined: Record<string, string | undefined>): GovernanceConfig {
  const vars = plainToInstance(GovernanceVariables, pick(defined), { exposeDefaultValues: true });
  const errors = validateSync(vars);
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    throw new ConfigurationError(`Invalid configuration: ${message} (got ${JSON.stringify(first.value)})`);
  }
  return {
    retention: {
      runLogsDays: vars.RETENTION_RUN_LOGS_DAYS,
      auditLogDays: vars.RETENTION_AUDIT_LOG_DAYS,
      deletedContentDays: vars.RETENTION_DELETED_CONTENT_DAYS,
      campaignMetricsDays: vars.RETENTION_CAMPAIGN_METRICS_DAYS,
      sweepEveryMinutes: vars.RETENTION_SWEEP_EVERY_MINUTES,
      batchSize: vars.RETENTION_BATCH_SIZE,
    },
    exportExpiryDays: vars.EXPORT_EXPIRY_DAYS,
  };
}

export const GOVERNANCE_VARIABLES = Object.keys(new GovernanceVariables());

function pick(defined: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(GOVERNANCE_VARIABLES.filter((name) => defined[name] !== undefined).map((name) => [name, defined[name]]));
}
