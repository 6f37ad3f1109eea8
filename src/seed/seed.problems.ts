/** Every problem reads `<file>: <item>: <reason>`; `(file)` is the item when the file as a whole is at fault. */
export type Report = (file: string, item: string, reason: string) => void;
export const WHOLE_FILE = '(file)';

export class SeedProblems {
  readonly all: string[] = [];

  readonly report: Report = (file, item, reason) => {
    this.all.push(`${file}: ${item}: ${reason}`);
  };
}

export class SeedDatasetError extends Error {
  override name = 'SeedDatasetError';

  constructor(readonly problems: string[]) {
    super(
      `The seed dataset has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((problem) => `  ${problem}`).join('\n'),
    );
  }
}
