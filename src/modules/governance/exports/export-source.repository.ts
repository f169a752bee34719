import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { isUUID } from 'class-validator';
import { PrismaService } from '../../../infra/prisma/prisma.service';
import type { ExportTable } from './export-tables';

const FETCH_ROWS = 500;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Reads one table's rows of an organization as JSON text, a page at a time through a server-side
 * cursor: one scan per table whatever its size, with the memory of one page. Call it inside a
 * transaction (a cursor lives in one); a REPEATABLE READ one makes every table of the archive the
 * same moment's.
 */
@Injectable()
export class ExportSourceRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma<PrismaService>>) {}

  async *lines(table: ExportTable, organizationId: string): AsyncGenerator<string> {
    const tx = this.txHost.tx;
    // DECLARE takes no bind parameters: the statement is built from the catalogue's own names and
    // a UUID, each checked against its strict form first.
    if (!isUUID(organizationId)) throw new Error(`organization id ${organizationId} is not a UUID`);
    for (const name of [table.table, ...table.exclude]) if (!IDENTIFIER.test(name)) throw new Error(`${name} is not a plain identifier`);
    await tx.$executeRawUnsafe(`DECLARE export_rows NO SCROLL CURSOR FOR ${selectStatement(table, organizationId)}`);
    try {
      for (;;) {
        const page = await tx.$queryRawUnsafe<Array<{ line: string }>>(`FETCH FORWARD ${FETCH_ROWS} FROM export_rows`);
        for (const row of page) yield row.line;
        if (page.length < FETCH_ROWS) return;
      }
    } finally {
      await tx.$executeRawUnsafe('CLOSE export_rows');
    }
  }
}

function selectStatement(table: ExportTable, organizationId: string): string {
  const removed = table.exclude.length > 0 ? ` - ARRAY[${table.exclude.map((c) => `'${c}'`).join(', ')}]::text[]` : '';
  const where =
    table.scope === 'id'
      ? `t."id" = '${organizationId}'::uuid`
      : table.scope === 'member'
        ? `t."id" IN (SELECT m."user_id" FROM "organization_memberships" m WHERE m."organization_id" = '${organizationId}'::uuid)`
        : `t."organization_id" = '${organizationId}'::uuid`;
  return `SELECT (to_jsonb(t)${removed})::text AS "line" FROM "${table.table}" t WHERE ${where}`;
}
