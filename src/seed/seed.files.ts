import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { type Report, WHOLE_FILE } from './seed.problems';

/** The seed folder's files, by path relative to it; a file that cannot be read is reported, not thrown. */
export class SeedFiles {
  constructor(
    private readonly root: string,
    private readonly report: Report,
  ) {}

  async list(dir: string, extension: string): Promise<string[]> {
    try {
      const names = await readdir(path.join(this.root, dir));
      return names.filter((name) => name.endsWith(extension)).sort().map((name) => `${dir}/${name}`);
    } catch (error) {
      this.report(dir, WHOLE_FILE, `cannot list the folder: ${(error as Error).message}`);
      return [];
    }
  }

  async bytes(file: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path.join(this.root, file));
    } catch (error) {
      this.report(file, WHOLE_FILE, `cannot read the file: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The file's content as plain data, or undefined (after reporting why) when it is not readable YAML. */
  async yaml(file: string): Promise<{ raw: unknown } | undefined> {
    const bytes = await this.bytes(file);
    if (!bytes) return undefined;
    const document = parseDocument(bytes.toString('utf8'), { prettyErrors: false });
    if (document.errors.length === 0) return { raw: document.toJS() as unknown };
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      this.report(file, WHOLE_FILE, `YAML ${position ? `line ${position.line} column ${position.col}: ` : ''}${error.message}`);
    }
    return undefined;
  }
}
