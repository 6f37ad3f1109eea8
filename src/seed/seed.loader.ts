// Reads the seed files, validates them and resolves every reference, so that the service receives a
// dataset that can only fail on the database itself. Problems are collected, not thrown one at a time:
// an analyst fixing the YAML sees every mistake from a single run.
import type { SeedDataset } from './seed.dataset';
import { SeedKeys } from './seed.keys';
import { SeedDatasetError, SeedProblems } from './seed.problems';
import { SeedReader } from './seed.reader';
import { SeedResolver } from './seed.resolution';

/** Reads, validates and resolves the dataset in `seedsDir`; throws SeedDatasetError listing every problem. */
export async function loadSeedDataset(seedsDir: string): Promise<SeedDataset> {
  const problems = new SeedProblems();
  const keys = new SeedKeys(problems.report);
  const reader = new SeedReader(seedsDir, problems.report, keys);
  await reader.readCountries();
  await reader.readActors();
  await reader.readDocuments();
  const partnerships = await reader.readPartnerships();
  const dataset = new SeedResolver(problems.report, keys).resolve(partnerships);
  if (problems.all.length > 0) throw new SeedDatasetError(problems.all);
  return dataset;
}
