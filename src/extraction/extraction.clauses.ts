// Cuts a sentence or list item into one span per distinct undertaking, each a verbatim slice of the text.
import { type Cue, findCues } from './extraction.language';
import { type Span, trimSpan } from './extraction.segmentation';

const BASE_VERBS = new Set(
  ('develop strengthen promote enhance establish expand support share improve increase implement bolster cooperate link encourage ' +
    'deepen build launch create provide mobilize mobilise connect facilitate conduct explore consider study maintain boost foster ' +
    'advance accelerate address combat fight prevent protect ensure exchange coordinate step intensify upgrade elevate lift carry ' +
    'bring invest train hold organise organize respond work negotiate sign review continue redouble reduce achieve open host fund ' +
    'finance adopt set publish convene sponsor co-sponsor assist help grant allocate transfer extend').split(' '),
);
// The one thing undertaken whose purposes an infinitive after it names: "a Memorandum of Understanding to enhance
// X, strengthen Y, and support Z" is one undertaking (the memorandum), "work together to respond to X and increase Y"
// one (the working together). Singular on purpose: "cooperation agreements to share views, improve capacity" lists
// several undertakings after "agreements".
const INSTRUMENT = /\b(?:memorandum|understanding|mou|moc|agreement|programme|program|activity|initiative|project|partnership|centre|center|hub|fund|facility|mechanism|platform|coalition|capacity|framework|package|together)\b/i;
// The nouns that name the parts of one thing, listed after a colon: "rooted in four pillars: A; B; C".
const PARTS_LIST = /\b(?:pillars|areas|fields|sectors|components|elements)\s*:\s+/i;
const LEAD_IN = /^(?:(?:in addition|additionally|furthermore|moreover|meanwhile|also|and|or|as well as|while|thereby|including|such as)\b,?\s*)+/i;

/**
 * One span per distinct undertaking. Semicolons separate undertakings, except between the named parts of one
 * ("four pillars: A; B; C"); inside a clause an enumeration is split only where each item begins the way the first
 * does (the same word, or a bare verb after another bare verb), so that "to respond to the crisis by increasing
 * finance, developing standards" stays whole.
 */
export function splitClauses(text: string, body: Span, sentence: Span, cues: Cue[]): Span[] {
  const parts: Span[] = [];
  let from = body.start;
  for (let at = body.start; at <= body.end; at++) {
    if (at === body.end || text[at] === ';') {
      const part = trimSpan(text, from, at);
      if (part) parts.push(part);
      from = at + 1;
    }
  }
  if (isListOfParts(text, parts)) return [tidy(text, body)].filter((span): span is Span => span !== null);
  // "witnessed the exchange of agreements, including a ...; a ...; and a ..." or "agreed on these areas: a; b; c":
  // the list starts after "including" or the colon.
  const first = parts[0];
  const introduced = first && parts.length > 1 ? /:\s+|,?\s+including\s+/.exec(text.slice(first.start, first.end)) : null;
  // Only when a cue stands before it: "enhance X, Y and Z, including AI; ..." is an item, not an introduction.
  const introducedByCue = introduced && cues.some((cue) => sentence.start + cue.end <= first!.start + introduced.index && sentence.start + cue.at >= first!.start);
  if (first && introduced && introducedByCue) parts[0] = { start: first.start + introduced.index + introduced[0].length, end: first.end };
  const spans = parts
    .flatMap((part) => withoutRelative(text, part, sentence, cues))
    .flatMap((part) => atRelativeUndertaking(text, part))
    .flatMap((part) => splitEnumeration(text, part, sentence, cues));
  return spans.map((span) => tidy(text, span)).filter((span): span is Span => span !== null);
}

/**
 * "signed an MOC on X, which promotes Y, including through a programme that is being implemented by Z": the
 * undertaking is the signing; the relative clause describes it, unless part of it states an undertaking of its own.
 */
function withoutRelative(text: string, part: Span, sentence: Span, cues: Cue[]): Span[] {
  const words = text.slice(part.start, part.end);
  const relative = /,\s+which\s+/.exec(words);
  const main = cues.find((cue) => sentence.start + cue.at >= part.start && sentence.start + cue.at < part.start + (relative?.index ?? 0));
  if (!relative || !main || main.status !== 'COMPLETED') return [part];
  const spans: Span[] = [{ start: part.start, end: part.start + relative.index }];
  const rest = words.slice(relative.index);
  const including = /,\s+including\s+(?:through\s+)?/.exec(rest);
  if (including) {
    const start = part.start + relative.index + including.index + including[0].length;
    const own = findCues(text.slice(start, part.end));
    if (own.length > 0) spans.push({ start, end: part.end });
  }
  return spans;
}

/** "four pillars: digital economy; energy; health care": the items, verbless, are the parts of one undertaking. */
function isListOfParts(text: string, parts: Span[]): boolean {
  if (parts.length < 2) return false;
  const intro = PARTS_LIST.exec(text.slice(parts[0]!.start, parts[0]!.end));
  if (!intro) return false;
  const items = [text.slice(parts[0]!.start + intro.index + intro[0].length, parts[0]!.end), ...parts.slice(1).map((part) => text.slice(part.start, part.end))];
  return items.every((item) => {
    const head = headOf(item);
    return head !== undefined && !BASE_VERBS.has(head) && !isGerund(head) && findCues(item).length === 0;
  });
}

/**
 * "will launch the Climate Partnership, where both countries intend to work together to develop standards": a
 * relative clause with an undertaking verb of its own states a second undertaking beside the first.
 */
function atRelativeUndertaking(text: string, part: Span): Span[] {
  const relative = /,\s+where\s+/.exec(text.slice(part.start, part.end));
  if (!relative) return [part];
  const start = part.start + relative.index + relative[0].length;
  if (findCues(text.slice(start, part.end)).length === 0) return [part];
  return [{ start: part.start, end: part.start + relative.index }, { start, end: part.end }];
}

function splitEnumeration(text: string, part: Span, sentence: Span, cues: Cue[]): Span[] {
  const words = text.slice(part.start, part.end);
  const cue = cues.find((entry) => sentence.start + entry.end > part.start && sentence.start + entry.end <= part.end);
  const scanFrom = cue ? sentence.start + cue.end - part.start : 0;
  const firstHead = headOf(words.slice(scanFrom));
  const boundary = /,\s+(?:and\s+)?|\s+and\s+/g;
  boundary.lastIndex = scanFrom;
  const cuts: { at: number; next: number }[] = [];
  let previousIsVerb = firstHead !== undefined && BASE_VERBS.has(firstHead);
  let pieceStart = 0;
  for (let match = boundary.exec(words); match; match = boundary.exec(words)) {
    const next = match.index + match[0].length;
    const head = headOf(words.slice(next));
    if (!head) continue;
    const piece = words.slice(pieceStart, match.index);
    // Purposes of the instrument named before any cut: "completed an MoU to enhance X, strengthen Y, and support Z".
    if (cuts.length === 0 && isPurpose(piece, scanFrom)) continue;
    // "consolidate and enhance cooperation", "building and operating a centre": two verbs, one object.
    const lastWord = /([A-Za-z’'-]+)\s*$/.exec(piece)?.[1]?.toLowerCase();
    if (/and\s+$/.test(match[0]) && lastWord !== undefined && (BASE_VERBS.has(lastWord) || isGerund(lastWord) || lastWord === firstHead)) continue;
    const sameHead = head === firstHead && head.length > 3 && !['the', 'and', 'with', 'including'].includes(head);
    const verbAfterVerb = BASE_VERBS.has(head) && (previousIsVerb || /\bto\s+([a-z]+)\b/.test(piece) && BASE_VERBS.has(/\bto\s+([a-z]+)\b/.exec(piece)![1]!));
    // "by implementing the agreements, including ..., and stepping up talks": gerunds joined by "and".
    const byGerund = /\bby\s+(?:[a-z]+ly\s+)?([a-z]+ing)\b/.exec(piece)?.[1];
    const gerundAfterGerund = /and\s+$/.test(match[0]) && isGerund(head) && [firstHead, byGerund].some((word) => word !== undefined && isGerund(word));
    // "promotion of tourism and further enhancement of exchanges": two actions, each named by a noun with its object.
    const actionAfterAction = /and\s+$/.test(match[0]) && isActionNoun(words, next, head) && firstHead !== undefined && isActionNoun(words, scanFrom, firstHead);
    if ((sameHead || verbAfterVerb || gerundAfterGerund || actionAfterAction) && piece.split(/\s+/).length >= 3) {
      cuts.push({ at: match.index, next });
      pieceStart = next;
      previousIsVerb = BASE_VERBS.has(head);
    }
  }
  if (cuts.length === 0) return [part];
  const spans: Span[] = [];
  let start = part.start;
  for (const cut of cuts) {
    spans.push({ start, end: part.start + cut.at });
    start = part.start + cut.next;
  }
  spans.push({ start, end: part.end });
  // An item of a word or two is a fragment of its neighbour's phrase, not an undertaking of its own.
  return spans.every((span) => text.slice(span.start, span.end).split(/\s+/).length >= 3) ? spans : [part];
}

/** The first word that carries the clause's action, past "to", "also" and adverbs ("effectively carry out"). */
function headOf(words: string): string | undefined {
  return /^\s*(?:(?:to|also|further|continue to|jointly|[a-z]+ly)\s+)*([A-Za-z’'-]+)/.exec(words)?.[1]?.toLowerCase();
}

/** An infinitive that gives the purpose of an instrument the piece names: "an MoU to enhance", "work together to respond". */
function isPurpose(piece: string, from: number): boolean {
  const infinitive = /\bto\s+(?:[a-z]+ly\s+)?([a-z]+)\b/g;
  infinitive.lastIndex = from;
  for (let match = infinitive.exec(piece); match; match = infinitive.exec(piece)) {
    if (!BASE_VERBS.has(match[1]!)) continue;
    const before = piece.slice(from, match.index);
    const phrase = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1);
    if (INSTRUMENT.test(phrase) && !/\b(?:including|such as)\b/i.test(phrase)) return true;
  }
  return false;
}

/** "promotion of", "enhancement of": a noun that names an action, with its object after "of". */
function isActionNoun(words: string, at: number, head: string): boolean {
  if (!/(?:tion|ment|sion|ance)$/.test(head)) return false;
  const after = words.slice(at).toLowerCase();
  return new RegExp(String.raw`\b${head}\s+of\s`).test(after.slice(0, head.length + 40));
}

function isGerund(word: string): boolean {
  return /ing$/.test(word) && word.length > 5 && !['including', 'according', 'during', 'regarding', 'concerning', 'following'].includes(word);
}

/** Trims a clause's leading connective and trailing comma, so the quote reads as the undertaking itself. */
function tidy(text: string, span: Span): Span | null {
  let { start, end } = span;
  const lead = LEAD_IN.exec(text.slice(start, end));
  if (lead && lead[0].length < end - start) start += lead[0].length;
  while (end > start && /[,\s]/.test(text[end - 1]!)) end--;
  const trimmed = trimSpan(text, start, end);
  return trimmed && text.slice(trimmed.start, trimmed.end).split(/\s+/).length >= 3 ? trimmed : null;
}

