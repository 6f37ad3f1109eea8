// Agreement between proposed candidates and curated quotes of the same text, measured by how their spans overlap.
import type { Span } from './extraction.segmentation';

/**
 * Two spans match when their overlap is at least this share of their mean length (Dice coefficient on
 * characters): a fragment quoted inside a much longer candidate does not match it, nor does a candidate that
 * takes in only a few words of a long quote.
 */
export const MATCH_DICE = 0.5;

export interface Agreement {
  curated: number;
  candidates: number;
  /** Curated spans matched by at least one candidate. */
  recalled: number;
  /** Candidates that match at least one curated span. */
  precise: number;
  recall: number;
  precision: number;
  missed: Span[];
  spurious: Span[];
}

export function dice(a: Span, b: Span): number {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return (2 * overlap) / (a.end - a.start + (b.end - b.start));
}

export function agreement(curated: Span[], candidates: Span[]): Agreement {
  const matches = (a: Span) => (b: Span) => dice(a, b) >= MATCH_DICE;
  const missed = curated.filter((span) => !candidates.some(matches(span)));
  const spurious = candidates.filter((span) => !curated.some(matches(span)));
  const recalled = curated.length - missed.length;
  const precise = candidates.length - spurious.length;
  return {
    curated: curated.length,
    candidates: candidates.length,
    recalled,
    precise,
    recall: curated.length === 0 ? 1 : recalled / curated.length,
    precision: candidates.length === 0 ? 1 : precise / candidates.length,
    missed,
    spurious,
  };
}
