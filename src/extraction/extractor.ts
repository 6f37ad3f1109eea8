// Proposes the commitments a document makes, for a person to review: sentences and list items that undertake
// something, cut into one candidate per distinct undertaking, each a verbatim slice of the text.
import { findAmounts } from './extraction.amounts';
import { findDeadline } from './extraction.dates';
import { type Cue, findCues, isBackground, isNegated } from './extraction.language';
import { splitClauses } from './extraction.clauses';
import { segment, type Span } from './extraction.segmentation';
import { cosine, TfIdf, tokenize, type Vector } from './extraction.similarity';
import type { CommitmentCandidateProposal, ExtractionContext, ProposedActor } from './extraction.types';

/** Below this cosine a pillar is not suggested: the clause shares too little with any of them. */
export const PILLAR_THRESHOLD = 0.08;
/** From this cosine on, a clause is proposed as a new mention of an existing commitment. */
export const RESTATES_THRESHOLD = 0.5;

interface Prepared {
  context: ExtractionContext;
  tfidf: TfIdf;
  pillars: { id: number; vector: Vector }[];
  existing: { id: number; vectors: Vector[] }[];
  actors: { id: number | null; name: string; patterns: RegExp[]; party: boolean }[];
}

export function extractCandidates(text: string, context: ExtractionContext): CommitmentCandidateProposal[] {
  const prepared = prepare(context);
  const proposals: CommitmentCandidateProposal[] = [];
  // An introduction that ends in a colon ("The two sides agreed to ... the following:") makes undertakings of
  // the list items under it, which often carry no verb of their own.
  let intro: Cue | null = null;
  for (const sentence of segment(text)) {
    const words = text.slice(sentence.start, sentence.end);
    const listItem = isListItem(text, sentence.start);
    if (isBackground(words)) continue;
    const cues = findCues(words);
    if (/:\s*$/.test(words)) {
      intro = cues[0] ?? intro;
      continue;
    }
    if (!listItem && !isHeading(words)) intro = null;
    const governing = cues[0] ?? (listItem && intro ? { ...intro, at: 0, end: 0, strength: intro.strength - 0.15 } : null);
    // Items under an introduction are undertakings even when they read like titles (no verb, no full stop).
    if (!governing || (isHeading(words) && !(listItem && intro))) continue;
    const body = withoutLabel(text, sentence);
    for (const clause of splitClauses(text, body, sentence, cues)) {
      proposals.push(propose(text, clause, sentence, cues, governing, prepared));
    }
  }
  return proposals;
}

function prepare(context: ExtractionContext): Prepared {
  const pillarTokens = context.pillars.map((pillar) => tokenize([pillar.name, pillar.name, ...pillar.texts].join(' ')));
  const existingTokens = context.existing.map((commitment) => [commitment.text, ...commitment.quotes].map(tokenize));
  const tfidf = new TfIdf([...pillarTokens, ...existingTokens.flat()]);
  const actors: Prepared['actors'] = [];
  for (const party of context.parties) {
    actors.push({ id: null, name: party.code, patterns: party.names.flatMap(variants).map(wordPattern), party: true });
  }
  for (const actor of context.actors) {
    actors.push({ id: actor.id, name: actor.name, patterns: [actor.name, ...actor.aliases].flatMap(variants).map(wordPattern), party: false });
  }
  return {
    context,
    tfidf,
    pillars: context.pillars.map((pillar, index) => ({ id: pillar.id, vector: tfidf.vector(pillarTokens[index]!) })),
    existing: context.existing.map((commitment, index) => ({ id: commitment.id, vectors: existingTokens[index]!.map((tokens) => tfidf.vector(tokens)) })),
    actors,
  };
}

/** A name as the texts write it: whole, without its parenthesised acronym, and the acronym alone. */
function variants(name: string): string[] {
  const acronym = /\(([A-Z][A-Za-z&*]{1,9})\)/.exec(name)?.[1];
  const bare = name.replace(/\s*\([^)]*\)/g, '').trim();
  return [...new Set([name, bare, ...(acronym ? [acronym] : [])])].filter((variant) => variant.length > 1);
}

function wordPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, /^[A-Z&*]+$/.test(name) ? 'g' : 'gi');
}

function isListItem(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return lineStart < start && /^\s*(?:\(?\s*(?:\d{1,3}|[ivxlc]{1,6}|[a-z])\s*[.)]|[-–•*▪●◦])\s*$/i.test(text.slice(lineStart, start));
}

/** A title line: no closing punctuation and few words, or all in capitals. */
function isHeading(words: string): boolean {
  const count = words.split(/\s+/).length;
  return (!/[.!?;:)”"]$/.test(words) && count <= 14 && !/\b(?:will|shall)\b/.test(words)) || (words === words.toUpperCase() && /[A-Z]{3}/.test(words));
}

/** "Workforce Development Initiatives: Through a package ..." — the label before the colon is a heading. */
function withoutLabel(text: string, sentence: Span): Span {
  const words = text.slice(sentence.start, sentence.end);
  const label = /^([^:;]{3,140}):\s+/.exec(words);
  if (!label || label[1]!.split(/\s+/).length > 14 || findCues(label[1]!).some((cue) => cue.strength >= 0.8)) return sentence;
  return { start: sentence.start + label[0].length, end: sentence.end };
}

function propose(text: string, clause: Span, sentence: Span, cues: Cue[], governing: Cue, prepared: Prepared): CommitmentCandidateProposal {
  const quote = text.slice(clause.start, clause.end);
  const sentenceText = text.slice(sentence.start, sentence.end);
  const ownCues = cues.filter((cue) => sentence.start + cue.at >= clause.start && sentence.start + cue.end <= clause.end);
  const cue = ownCues[0] ?? governing;
  // The subject and verb that govern a clause stand before it in the sentence: they count for negation.
  const governed = sentenceText.slice(0, clause.end - sentence.start);
  const deadline = findDeadline(quote, prepared.context.publishedOn);
  const amounts = findAmounts(quote);
  const actors = findActors(sentenceText, quote, clause.start - sentence.start, governing, prepared);
  const negated = isNegated(ownCues.length > 0 ? quote : governed);
  const vector = prepared.tfidf.vector(tokenize(quote));
  const pillar = best(prepared.pillars.map((entry) => ({ id: entry.id, score: cosine(vector, entry.vector) })));
  const restated = best(prepared.existing.map((entry) => ({ id: entry.id, score: Math.max(0, ...entry.vectors.map((other) => cosine(vector, other))) })));
  const whole = clause.start <= sentence.start + 2 && clause.end >= sentence.end - 2;
  let confidence = cue.strength + (actors.length > 0 ? 0.05 : 0) + (deadline || amounts.length > 0 ? 0.05 : 0) - (whole ? 0 : 0.05);
  confidence = Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
  return {
    quote,
    start: clause.start,
    end: clause.end,
    summary: summarize(quote),
    actors,
    deadline,
    amounts,
    status: cue.status,
    negated,
    pillarId: pillar && pillar.score >= PILLAR_THRESHOLD ? pillar.id : null,
    confidence,
    restates: restated && restated.score >= RESTATES_THRESHOLD ? { commitmentId: restated.id, similarity: Math.round(restated.score * 1000) / 1000 } : null,
  };
}

function best(scores: { id: number; score: number }[]): { id: number; score: number } | null {
  return scores.reduce<{ id: number; score: number } | null>((top, entry) => (top === null || entry.score > top.score ? entry : top), null);
}

const COLLECTIVE = /\b(?:the two (?:sides|leaders|countries|nations|governments|parties|ministers|ministries|officials)|both (?:sides|countries|nations|governments)|the parties)\b/i;
// A role word governs the names that follow it, joined by "and" ("with the support of the ADB and the Ministry of ...").
const NAMES = String.raw`(?:(?:[A-Z][\w’'&*.-]*|of|for|and|the|,)\s+)*`;
const SUPPORT_CUE = new RegExp(
  String.raw`\b(?:with the support of|supported by|with assistance from|in partnership with|in cooperation with|in coordination with|implemented by|through|assisted by|with)\s+(?:the\s+)?${NAMES}$`,
);
const LEAD_CUE = new RegExp(String.raw`\b(?:led by|under the leadership of|chaired by|spearheaded by)\s+(?:the\s+)?${NAMES}$`);
const BODY = /\b(?:(?:U\.S\.|US|Singapore(?:’s|'s)?|Vietnam(?:’s|'s)?|Viet Nam(?:’s|'s)?)\s+)?(?:Ministry|Department|Agency|Bureau|Authority|Office|Commission|Council|Bank|Institute) (?:of|for) (?:the )?[A-Z][\w&*-]*(?:(?:,? and|,| of| for| the|) [A-Z][\w&*-]*)*/g;

function findActors(sentence: string, quote: string, clauseOffset: number, governing: Cue, prepared: Prepared): ProposedActor[] {
  const found = new Map<string, ProposedActor & { at: number }>();
  const subjectEnd = Math.max(governing.at, 0);
  // A clause cut from a longer sentence keeps the sentence's subject; the rest is read from the clause alone.
  const scope = `${sentence.slice(0, Math.min(subjectEnd, clauseOffset))}\n${quote}`;
  const roleAt = (at: number, isParty: boolean): ProposedActor['role'] => {
    const before = scope.slice(Math.max(0, at - 160), at);
    if (isParty) return 'PARTY';
    if (LEAD_CUE.test(before)) return 'LEAD';
    if (SUPPORT_CUE.test(before)) return 'SUPPORTING';
    return 'LEAD';
  };
  const add = (name: string, actorId: number | null, at: number, isParty: boolean) => {
    const key = actorId === null ? `${isParty ? 'party' : 'body'}:${name.toLowerCase()}` : `actor:${actorId}`;
    if (!found.has(key)) found.set(key, { name, actorId, role: roleAt(at, isParty), at });
  };
  const covered: [number, number][] = [];
  for (const actor of prepared.actors.filter((entry) => !entry.party)) {
    for (const pattern of actor.patterns) {
      for (const match of scope.matchAll(pattern)) {
        add(actor.name, actor.id, match.index, false);
        covered.push([match.index, match.index + match[0].length]);
      }
    }
  }
  for (const match of scope.matchAll(BODY)) {
    const end = match.index + match[0].length;
    if (!covered.some(([from, to]) => match.index < to && end > from)) add(match[0], null, match.index, false);
  }
  const collective = COLLECTIVE.exec(scope);
  for (const party of prepared.actors.filter((entry) => entry.party)) {
    const named = party.patterns
      .flatMap((pattern) => [...scope.matchAll(pattern)])
      .find((match) => !covered.some(([from, to]) => match.index >= from && match.index < to));
    if (named) add(party.name, null, named.index, true);
    else if (collective) add(party.name, null, collective.index, true);
  }
  // Leads first: the caller files the first LEAD as the commitment's owner.
  const rank = { LEAD: 0, SUPPORTING: 1, PARTY: 2 };
  return [...found.values()].sort((a, b) => rank[a.role] - rank[b.role] || a.at - b.at).map(({ name, actorId, role }) => ({ name, actorId, role }));
}

function summarize(quote: string): string {
  const text = quote.replace(/\s+/g, ' ').replace(/[.;,\s]+$/, '');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  if (sentence.length <= 119) return sentence;
  const cut = sentence.slice(0, 118);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
