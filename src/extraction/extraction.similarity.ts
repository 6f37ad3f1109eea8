// TF-IDF vectors and cosine similarity, for the pillar a clause belongs to and the commitment it restates.

const STOPWORDS = new Set(
  ('a an the and or of to in on for with by at from as is are was were be been being will shall would should can could may ' +
    'this that these those it its their his her our we they them two both each other also such including include includes ' +
    'into through between among within well further new more all any has have had not which who whom whose than then there ' +
    'side sides country countries leader leaders agreed agree pledged committed commit continue continued')
    .split(' '),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map(stem);
}

// A light suffix stripper: enough that "cooperation"/"cooperate" and "partnerships"/"partnership" meet.
function stem(word: string): string {
  return word.replace(/(?:ations?|ings?|ies|ed|es|s|e|ment|ments|al)$/, '') || word;
}

export type Vector = Map<string, number>;

export class TfIdf {
  private readonly idf = new Map<string, number>();
  private readonly documentCount: number;

  constructor(corpus: string[][]) {
    this.documentCount = corpus.length;
    const frequency = new Map<string, number>();
    for (const tokens of corpus) for (const token of new Set(tokens)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    for (const [token, count] of frequency) this.idf.set(token, Math.log((1 + this.documentCount) / (1 + count)) + 1);
  }

  vector(tokens: string[]): Vector {
    const vector: Vector = new Map();
    for (const token of tokens) vector.set(token, (vector.get(token) ?? 0) + 1);
    // A word no reference text holds says nothing about which one matches.
    for (const [token, count] of vector) vector.set(token, count * (this.idf.get(token) ?? 0));
    return vector;
  }
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [token, weight] of a) {
    normA += weight * weight;
    const other = b.get(token);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
