// Sums of money stated in a clause, with the currency the text names.
import type { ProposedAmount } from './extraction.types';

const PREFIX_CURRENCY: Record<string, string> = { 'US$': 'USD', USD: 'USD', 'S$': 'SGD', SGD: 'SGD', VND: 'VND', '$': 'USD', '€': 'EUR', EUR: 'EUR' };
const SUFFIX_CURRENCY: Record<string, string> = {
  usd: 'USD', 'us dollars': 'USD', 'u.s. dollars': 'USD', dollars: 'USD', sgd: 'SGD', 'singapore dollars': 'SGD', vnd: 'VND', dong: 'VND', 'vietnamese dong': 'VND', eur: 'EUR', euros: 'EUR',
};
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12 };

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const SCALE_WORD = String.raw`(?:\s*(thousand|million|billion|trillion|bn|mn|m|b)\b)?`;
const PREFIXED = new RegExp(String.raw`(US\$|S\$|USD|SGD|VND|EUR|\$|€)\s?${NUMBER}${SCALE_WORD}`, 'g');
const SUFFIXED = new RegExp(String.raw`\b${NUMBER}${SCALE_WORD}\s*(U\.S\. dollars|US dollars|Singapore dollars|Vietnamese dong|dollars|dong|euros|USD|SGD|VND|EUR)\b`, 'gi');

export function findAmounts(text: string): ProposedAmount[] {
  const found: { at: number; amount: ProposedAmount }[] = [];
  const taken: [number, number][] = [];
  const add = (match: RegExpExecArray, currency: string | undefined, digits: string, scale: string | undefined) => {
    if (!currency) return;
    const end = match.index + match[0].length;
    if (taken.some(([from, to]) => match.index < to && end > from)) return;
    taken.push([match.index, end]);
    const value = Number(digits.replace(/,/g, '')) * (scale ? SCALE[scale.toLowerCase()]! : 1);
    found.push({ at: match.index, amount: { value, currency, text: match[0] } });
  };
  for (const match of text.matchAll(PREFIXED)) add(match, PREFIX_CURRENCY[match[1]!], match[2]!, match[3]);
  for (const match of text.matchAll(SUFFIXED)) add(match, SUFFIX_CURRENCY[match[3]!.toLowerCase()], match[1]!, match[2]);
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.amount);
}
