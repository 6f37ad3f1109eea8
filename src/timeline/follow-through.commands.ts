import { InvalidInputError } from '../common/errors';

/** The filter of stale commitments; checked here so that an error names the `days` argument, not the filter's field. */
export function staleFilter(days: number) {
  if (!Number.isInteger(days) || days < 0 || days > 36_500) throw new InvalidInputError('days must be between 0 and 36500', ['days']);
  return { staleForDays: days };
}
