import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the service reads, with its expected form. The `message` of each
 * rule is what an operator sees on a bad value, so it names the variable and the form.
 * Documented for operators in config/.env.example.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: 'WORKER_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'WORKER_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'WORKER_PORT must be an integer between 0 and 65535' })
  WORKER_PORT = 3001;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString({ message: 'NEONHUB_DATA_DIR must be a directory path' })
  @MinLength(1, { message: 'NEONHUB_DATA_DIR must be a directory path' })
  NEONHUB_DATA_DIR = '.data';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^nh_[A-Za-z0-9_-]{32,}$/, { message: 'SEED_API_KEY must look like nh_ followed by at least 32 URL-safe characters' })
  SEED_API_KEY?: string;

  @Transform(toInt)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Max(104857600, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInt)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  @Min(1000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  @Max(60000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000 and 60000' })
  SHUTDOWN_TIMEOUT_MS = 8000;
}
