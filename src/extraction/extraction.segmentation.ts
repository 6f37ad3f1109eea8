// Cuts a document into sentences and list items without losing where each one lies in the text.

export interface Span {
  start: number;
  end: number;
}

// Abbreviations whose full stop ends no sentence ("U.S. Department", "Washington, D.C. for").
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Jr|Sr|Gen|Col|Lt|Vol|vs|etc|e\.g|i\.e|approx)|\b[A-Z](?:\.[A-Z])*)\.$/;
// A list marker or numbering at the start of an item: "1. ", "(ii) ", "a) ", "- ", "• ".
const LIST_MARKER = /^\s*(?:\(?\s*(?:\d{1,3}|[ivxlc]{1,6}|[a-z])\s*[.)]\s+|[-–•*▪●◦]\s+)/i;
// Scraping residue before the first words of a line: "date 2025-03-12 This new framework ...".
const SCRAPED_DATE = /^\s*date\s+\d{4}-\d{2}-\d{2}\s+/i;
// The line after which a news page lists other articles ("See more", "Related news"): their teasers are not this text.
const END_OF_ARTICLE = /^\s*(?:see more|read more|more news|related(?:\s+(?:news|articles|stories|posts))?|you may also like)\s*:?\s*$/i;

/** The span without the whitespace at either end; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/**
 * Lines first (headings, bullets and numbered paragraphs each stand on their own line), then sentences; nothing
 * after the end of the article.
 */
export function segment(text: string): Span[] {
  const spans: Span[] = [];
  const linePattern = /[^\n]+/g;
  for (let line = linePattern.exec(text); line; line = linePattern.exec(text)) {
    if (END_OF_ARTICLE.test(line[0])) break;
    let lineStart = line.index;
    const residue = SCRAPED_DATE.exec(line[0]);
    if (residue) lineStart += residue[0].length;
    const marker = LIST_MARKER.exec(text.slice(lineStart, line.index + line[0].length));
    if (marker) lineStart += marker[0].length;
    for (const sentence of sentences(text, lineStart, line.index + line[0].length)) spans.push(sentence);
  }
  return spans;
}

function sentences(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let from = start;
  const boundary = /[.!?]+["”’)]*(?=\s+["“‘(]?[A-Z0-9])/g;
  const line = text.slice(start, end);
  for (let match = boundary.exec(line); match; match = boundary.exec(line)) {
    const stop = start + match.index + match[0].length;
    if (ABBREVIATION.test(text.slice(Math.max(from, stop - 12), stop))) continue;
    const span = trimSpan(text, from, stop);
    if (span) spans.push(span);
    from = stop;
  }
  const last = trimSpan(text, from, end);
  if (last) spans.push(last);
  return spans;
}
