// The seed documents must stay the originals byte for byte: every provenance offset is counted in them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT, SEEDS_DIR } from '../support/seeds';

const documentsDir = path.join(SEEDS_DIR, 'documents');
const originalsDir = path.resolve(PROJECT_ROOT, '../shared/seeds');
const texts = readdirSync(documentsDir).filter((name) => name.endsWith('.txt')).sort();

describe('seed documents', () => {
  it('are the five originals', () => {
    expect(texts).toHaveLength(5);
    expect(texts).toEqual(readdirSync(originalsDir).filter((name) => name.endsWith('.txt')).sort());
  });

  it.each(texts)('%s is byte-identical to the original and matches its sha256', (name) => {
    const bytes = readFileSync(path.join(documentsDir, name));
    expect(bytes.equals(readFileSync(path.join(originalsDir, name)))).toBe(true);
    const metadata = parse(readFileSync(path.join(documentsDir, name.replace(/\.txt$/, '.yaml')), 'utf8')) as {
      sha256: string;
    };
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(metadata.sha256);
  });
});
