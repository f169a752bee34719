import { Inject, Injectable } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { PrismaClient } from '../../generated/prisma/client';
import { DATABASE_POOL } from '../database/sql';

/** The Prisma client over node-postgres (no engine binary). Only repositories use it, via TransactionHost. */
@Injectable()
export class PrismaService extends PrismaClient {
  constructor(@Inject(DATABASE_POOL) pool: Pool) {
    // The pool is shared with the plain-SQL hot path (infra/database/sql.ts) and ended by PrismaModule.
    super({ adapter: new PrismaPg(pool) });
  }
}
