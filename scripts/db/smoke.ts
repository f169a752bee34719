import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../../src/generated/prisma/client';
import { runDbCommand } from './cli';

type Counter = { count(): Promise<number> };

/**
 * `npm run db:smoke`: row counts per model of the database named by DATABASE_URL, through the
 * application's own client (so a model the client cannot read fails here, as it would in the
 * app). Exit 1 when a model cannot be counted; empty tables are listed, not failed: a fresh
 * deployment has many.
 */
runDbCommand(async (databaseUrl) => {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const rows: [string, number | string][] = [];
    let failures = 0;
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = (prisma as unknown as Record<string, Counter>)[model.charAt(0).toLowerCase() + model.slice(1)];
      try {
        rows.push([model, await delegate.count()]);
      } catch (error) {
        failures++;
        rows.push([model, `error: ${(error as Error).message.split('\n')[0]}`]);
      }
    }
    const width = Math.max(...rows.map(([model]) => model.length));
    console.log(`Database smoke: row counts of ${rows.length} models`);
    for (const [model, count] of rows) console.log(`  ${model.padEnd(width)}  ${count}`);
    const empty = rows.filter(([, count]) => count === 0).length;
    console.log(`${rows.length - empty - failures} with rows, ${empty} empty, ${failures} unreadable`);
    return failures > 0 ? 1 : 0;
  } finally {
    await prisma.$disconnect();
  }
});
