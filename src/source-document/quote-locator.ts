// The seed and the API both link quotes to documents at offsets computed here, so that a quote gets the
// same offsets whichever way it came in.

export interface QuoteOffsets {
  /** Code points, start inclusive, end exclusive. */
  startOffset: number;
  endOffset: number;
}

/** Offsets of `quote` in `text`, in code points, or why it cannot be used. */
export function locateQuote(text: string, quote: string): QuoteOffsets | string {
  const first = text.indexOf(quote);
  if (first < 0) return 'is not found verbatim';
  let occurrences = 1;
  for (let at = text.indexOf(quote, first + 1); at >= 0; at = text.indexOf(quote, at + 1)) occurrences++;
  if (occurrences > 1) return `occurs ${occurrences} times; lengthen it until it is unique`;
  // indexOf counts UTF-16 code units; the database counts code points.
  const startOffset = Array.from(text.slice(0, first)).length;
  return { startOffset, endOffset: startOffset + Array.from(quote).length };
}
