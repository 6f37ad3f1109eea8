// The words that make a sentence an undertaking, and the status or negation they give it. Tuned on the seed
// documents (joint statements, fact sheets, news reports of talks).
import type { ProposedStatus } from './extraction.types';

export interface Cue {
  at: number;
  end: number;
  status: ProposedStatus;
  /** How surely the words mark an undertaking: "will"/"agreed to" more than a reported past action. */
  strength: number;
}

const PROMISE = new RegExp(
  String.raw`\b(?:will|shall|won['’]t|agreed|agree|agreeing|agrees|committed to|commit to|commits to|pledged|pledge|pledges|vowed|vow|` +
    String.raw`look(?:ed|s)? forward to|decided|decide|resolved to|plan to|plans to|planned to|intend to|intends to|aim to|aims to|` +
    String.raw`seek to|seeks to|undertake|undertook|reaffirmed (?:their |its |our )?commitment|welcomed? the (?:launch|signing|establishment)|` +
    String.raw`invited|affirmed that|stressed the need|emphasi[sz]ed the need|highlighted the need|the need to|consented to|expressed (?:their |its )?(?:readiness|willingness)|` +
    String.raw`supports?\s+\w+\s+in|are to|is to)\b`,
  'gi',
);
const ONGOING = new RegExp(
  String.raw`\b(?:(?:is|are|has been|have been)\s+(?:also\s+)?(?:establishing|providing|partnering|enhancing|collaborating|implementing|participating|working|developing|negotiating|expanding|supporting|preparing|building)|` +
    String.raw`being implemented|continued?s? to|continued|maintaining|reviewed)\b`,
  'gi',
);
const DONE = new RegExp(
  String.raw`\b(?:signed|launched|completed|inaugurated|concluded|announced|partnered with|facilitated|visited|met with|welcomed|` +
    String.raw`established|opened|delivered|handed over|freshly inked|inked|upgraded|elevated|witnessed the exchange|exchanged)\b`,
  'gi',
);
// "The package also includes A, B and C": the parts of an undertaking already stated.
const INCLUDES = /\b(?:package|programme|program|partnership|plan|initiative|agreement)s?\s+(?:also\s+)?(?:includes?|will include|covers?)\b/gi;
const NEGATION = /\b(?:will not|shall not|won['’]t|agreed not to|agree not to|pledged not to|committed not to|decided not to|not to|never|refrain from|no longer)\b/i;

export function findCues(text: string): Cue[] {
  const cues: Cue[] = [];
  const collect = (pattern: RegExp, status: ProposedStatus, strength: number) => {
    for (const match of text.matchAll(pattern)) cues.push({ at: match.index, end: match.index + match[0].length, status, strength });
  };
  collect(PROMISE, 'ANNOUNCED', 0.8);
  collect(ONGOING, 'IN_PROGRESS', 0.65);
  collect(DONE, 'COMPLETED', 0.6);
  collect(INCLUDES, 'IN_PROGRESS', 0.5);
  return cues.sort((a, b) => a.at - b.at);
}

export function isNegated(text: string): boolean {
  return NEGATION.test(text);
}

// Beliefs and forecasts reported of a speaker, and restated stances: what someone expects, not what anyone undertakes.
// "This framework will further enhance trust", "These steps ... will further boost cooperation": a thing, not an
// actor, is the subject, and "further" marks the effect expected of it.
const FORECAST = new RegExp(
  String.raw`\b(?:expressed (?:his|her|their) (?:belief|confidence|hope)|(?:is|are|was|were) confident that|reaffirmed [^.;]*\bstance\b|` +
    String.raw`agreed that [^.;]*\b(?:have|has) (?:deepened|grown|developed|strengthened))|^(?:this|these|such)\b[^,;]*?\bwill\s+further\b`,
  'i',
);
// A call on others ("calling on all parties concerned to ...", "called for the implementation of ...", "urged"):
// a position taken on what third parties should do, not an undertaking of the speakers.
const CALL = /\b(?:call(?:s|ed|ing)?\s+(?:up)?on|call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing))\b/i;

/** Statements of fact and background that use a cue word without undertaking anything. */
export function isBackground(text: string): boolean {
  return FORECAST.test(text) || CALL.test(text) || /\bphoto\s*:|\(photo\b|\((?:left|right|centre|center|L|R)\)|\|\s*$/i.test(text) || /^(?:according to|in the (?:six|\w+) months since)\b/i.test(text) && !/\bwill\b/i.test(text);
}
