// The deadline a clause sets: a year ("by 2030"), a month or a day (chrono-node), or a period counted from
// the day the document was published ("within two years").
import * as chrono from 'chrono-node';
import type { ProposedDeadline } from './extraction.types';

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, eighteen: 18, twenty: 20 };
const DEADLINE_CUE = /\b(?:by|before|until|no later than|not later than|in time for|by the end of|by end of|within|from now to|through)\s*$/i;
const RELATIVE = /\b(?:within|in the next|over the next|in)\s+(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty)\s+(year|month|week|day)s?\b/gi;
const BY_YEAR = /\b(?:by|before|until|no later than|by the end of|by end of|in)\s+((?:19|20)\d{2})\b(?![-–/]\d)/gi;

export function findDeadline(text: string, publishedOn: string): ProposedDeadline | null {
  const published = new Date(`${publishedOn}T00:00:00Z`);
  const candidates: { at: number; deadline: ProposedDeadline }[] = [];
  for (const match of text.matchAll(RELATIVE)) {
    const count = /^\d+$/.test(match[1]!) ? Number(match[1]) : NUMBER_WORDS[match[1]!.toLowerCase()]!;
    const unit = match[2]!.toLowerCase();
    const date = new Date(published);
    if (unit === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
    else if (unit === 'month') date.setUTCMonth(date.getUTCMonth() + count);
    else date.setUTCDate(date.getUTCDate() + count * (unit === 'week' ? 7 : 1));
    candidates.push({ at: match.index, deadline: { date: isoDay(date), precision: 'DAY', text: match[0] } });
  }
  for (const match of text.matchAll(BY_YEAR)) {
    const year = Number(match[1]);
    // "in 2023" is history unless the year is still to come; "by 2030" is a deadline whenever it falls.
    if (/^in\b/i.test(match[0]) && year <= published.getUTCFullYear()) continue;
    candidates.push({ at: match.index, deadline: { date: `${year}-01-01`, precision: 'YEAR', text: match[0] } });
  }
  for (const result of chrono.parse(text, published, { forwardDate: false })) {
    const known = result.start;
    if (!known.isCertain('month')) continue;
    const before = text.slice(0, result.index);
    const cue = DEADLINE_CUE.exec(before);
    const date = known.date();
    const isFuture = date.getTime() > published.getTime();
    if (!cue && !isFuture) continue;
    if (candidates.some((entry) => entry.at <= result.index && result.index < entry.at + entry.deadline.text.length + 8)) continue;
    const year = known.get('year')!;
    const month = String(known.get('month')).padStart(2, '0');
    const day = known.isCertain('day') ? String(known.get('day')).padStart(2, '0') : null;
    const phrase = cue ? text.slice(cue.index, result.index + result.text.length) : result.text;
    candidates.push({
      at: cue ? cue.index : result.index,
      deadline: { date: `${year}-${month}-${day ?? '01'}`, precision: day ? 'DAY' : 'MONTH', text: phrase },
    });
  }
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0]?.deadline ?? null;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
