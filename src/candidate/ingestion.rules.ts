// What a text must be to be ingested, checked before anything is written: the rules the API and the
// command line share, each failure naming the input field at fault.
import { requireNotFuture } from '../common/dates';
import { InvalidInputError } from '../common/errors';

/** The largest text ingested, in UTF-8 bytes: a long treaty is a few hundred kilobytes. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** A text in which more than this share of the characters are control characters is binary, not prose. */
const MAX_CONTROL_SHARE = 0.05;
const TITLE_MAX = 500;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const field = (name: string) => ['input', name];

/** The bytes of a file as text: UTF-8, byte for byte (a byte order mark is kept, not dropped), or refused. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InvalidInputError('text is not valid UTF-8: a binary file, or a text in another encoding (convert it to UTF-8 first)', field('text'));
  }
}

export function checkTitle(title: string | null | undefined): string {
  if (title == null || !/\S/.test(title)) throw new InvalidInputError('title is required', field('title'));
  if (title.trim().length > TITLE_MAX) throw new InvalidInputError(`title must be at most ${TITLE_MAX} characters`, field('title'));
  return title.trim();
}

export function checkPublishedOn(publishedOn: string | null | undefined): string {
  if (publishedOn == null || publishedOn === '') throw new InvalidInputError('publishedOn is required: the day the document was published', field('publishedOn'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedOn) || Number.isNaN(Date.parse(`${publishedOn}T00:00:00Z`))) {
    throw new InvalidInputError(`publishedOn "${publishedOn}" is not a date (YYYY-MM-DD)`, field('publishedOn'));
  }
  requireNotFuture(publishedOn, field('publishedOn'));
  return publishedOn;
}

/** The optional labels, bounded as their columns are (the API's input checks the same; the command line has only these). */
export function checkLabels(publisher: string | null | undefined, sourceUrl: string | null | undefined): void {
  if (publisher != null && publisher.trim().length > 200) throw new InvalidInputError('publisher must be at most 200 characters', field('publisher'));
  if (sourceUrl != null && (sourceUrl.length > 2000 || !/^https?:\/\/[^\s/]+/.test(sourceUrl))) {
    throw new InvalidInputError('sourceUrl must be an http(s) URL of at most 2000 characters', field('sourceUrl'));
  }
}

/** The text as it will be stored: never trimmed or normalised, only refused when it is not a text. */
export function checkText(text: string | null | undefined): string {
  if (text == null || !/\S/.test(text)) throw new InvalidInputError('text is empty', field('text'));
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEXT_BYTES) throw new InvalidInputError(`text is ${bytes} bytes; at most ${MAX_TEXT_BYTES} (2 MB) are ingested`, field('text'));
  if (text.includes('\u0000')) throw new InvalidInputError('text contains NUL characters: a binary file, not a text', field('text'));
  // Lone surrogates cannot be UTF-8; U+FFFD is what a decoder leaves of bytes that were not UTF-8.
  if (LONE_SURROGATE.test(text) || text.includes('\uFFFD')) throw new InvalidInputError('text is not valid UTF-8 (it holds undecodable bytes)', field('text'));
  const controls = text.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g)?.length ?? 0;
  if (controls > text.length * MAX_CONTROL_SHARE) {
    throw new InvalidInputError(`text is mostly not printable (${controls} control characters in ${text.length}): a binary file, not a text`, field('text'));
  }
  return text;
}

/** A slug from a title: lower-case ASCII words joined by hyphens, at most `max` characters, never empty. */
export function slugOf(title: string, max: number): string {
  const words = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/đ/g, 'd').match(/[a-z0-9]+/g) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || 'document';
}

/**
 * The extractor counts UTF-16 code units; provenance counts code points (as PostgreSQL's substr does). A
 * converter from the one to the other, free for a text without characters beyond the Basic Multilingual Plane.
 */
export function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (utf16) => utf16;
  const offsets = new Int32Array(text.length + 1);
  let points = 0;
  for (let unit = 0; unit < text.length; unit++) {
    offsets[unit] = points;
    const code = text.charCodeAt(unit);
    // The low half of a pair belongs to the code point its high half began.
    if (!(code >= 0xdc00 && code <= 0xdfff && unit > 0 && text.charCodeAt(unit - 1) >= 0xd800 && text.charCodeAt(unit - 1) <= 0xdbff)) points++;
  }
  offsets[text.length] = points;
  return (utf16) => offsets[utf16]!;
}
