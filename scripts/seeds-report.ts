// npm run seeds:report: what the dataset in seeds/ holds, counted, and how far the commitment extractor agrees
// with the curated commitments of each document. Validates it; needs no database.
import path from 'node:path';
import { loadSeedDataset } from '../src/seed/seed.loader';
import { formatExtraction, measureExtraction } from '../src/seed/seed.extraction';
import { countDataset, formatDatasetCounts } from '../src/seed/seed.report';

loadSeedDataset(path.resolve(__dirname, '..', 'seeds')).then(
  (dataset) => {
    console.log(formatDatasetCounts(countDataset(dataset)));
    console.log(`\n${formatExtraction(measureExtraction(dataset))}`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
