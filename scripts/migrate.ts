// Database migrations from the command line (npm run db:migrate*), without the Prisma CLI's native engine.
//
//   deploy          apply the pending migrations to DATABASE_URL
//   create <name>   write a new migration from the difference between the migrations and prisma/schema.prisma,
//                   replayed in SHADOW_DATABASE_URL or else in a temporary database on DATABASE_URL's server
//   reset [--force] empty DATABASE_URL's public schema and apply every migration (development and test only)
//   status          list the applied, pending and failed migrations
import path from 'node:path';
import { applyMigrations, createMigration, migrationStatus, resetDatabase } from '../src/db/migrations/migrator';

const USAGE = 'Usage: migrate.ts <deploy | create <name> | reset [--force] | status>';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'deploy': {
      const applied = await applyMigrations(databaseUrl());
      console.log(applied.length ? `Applied ${list(applied)}` : 'No pending migrations.');
      return 0;
    }
    case 'create': {
      const [name] = args;
      if (!name) throw new UsageError('create needs a migration name');
      const { path: file, script } = await createMigration(name, {
        databaseUrl: databaseUrl(),
        shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
      });
      console.log(`Created ${path.relative(process.cwd(), file)}:\n\n${script}`);
      console.log('Review it, add what Prisma cannot express (triggers, CHECK constraints), then run db:migrate.');
      return 0;
    }
    case 'reset': {
      const env = process.env.NODE_ENV;
      if (env !== 'development' && env !== 'test' && !args.includes('--force')) {
        throw new UsageError(
          'reset deletes every table and row: it runs only with NODE_ENV=development or test ' +
            `(NODE_ENV is ${env ?? 'unset'}), or with --force`,
        );
      }
      const applied = await resetDatabase(databaseUrl());
      console.log(`Database reset. Applied ${applied.length ? list(applied) : 'no migrations'}`);
      return 0;
    }
    case 'status': {
      const { applied, pending, failed } = await migrationStatus(databaseUrl());
      console.log(`Applied (${applied.length}):${lines(applied)}`);
      console.log(`Pending (${pending.length}):${lines(pending)}`);
      if (failed.length) {
        console.log(`Failed (${failed.length}), resolve before deploying:${lines(failed)}`);
        return 1;
      }
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }
}

class UsageError extends Error {}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('DATABASE_URL is not set');
  return url;
}

const list = (names: string[]) => `${names.length} migration${names.length === 1 ? '' : 's'}:${lines(names)}`;
const lines = (names: string[]) => names.map((name) => `\n  ${name}`).join('');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 1;
  },
);
