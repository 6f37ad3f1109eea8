// The shape of each seed file (seeds/README.md). Objects are strict: a misspelt field is an error, never
// silently dropped data. Limits mirror the column sizes in prisma/schema.prisma, so that a dataset that
// passes here cannot fail on a too-long value half-way through a seed.
import { z } from 'zod';
import { ActorKind, ActorRole, CommitmentStatus, DateBasis, type DatePrecision, DocumentKind, MentionRole, MilestoneKind, PartnershipLevel, PillarBasis } from '../generated/prisma/enums';

/** A date as the sources give it: "2030", "2025-03" or "2025-03-13". The form is the precision. */
export interface Period {
  text: string;
  precision: DatePrecision;
  /** First day of the period, UTC midnight. */
  first: Date;
  /** Last day of the period, UTC midnight. */
  last: Date;
}

export function parsePeriod(text: string): Period | undefined {
  const match = /^([1-9]\d{3})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  // Day 0 of the next month is the last day of this one.
  const lastOfMonth = (m: number) => new Date(Date.UTC(year, m, 0));
  if (day !== undefined && (day < 1 || day > lastOfMonth(month!).getUTCDate())) return undefined;
  if (day !== undefined) {
    const date = new Date(Date.UTC(year, month! - 1, day));
    return { text, precision: 'DAY', first: date, last: date };
  }
  if (month !== undefined) {
    return { text, precision: 'MONTH', first: new Date(Date.UTC(year, month - 1, 1)), last: lastOfMonth(month) };
  }
  return { text, precision: 'YEAR', first: new Date(Date.UTC(year, 0, 1)), last: new Date(Date.UTC(year, 11, 31)) };
}

const period = z.string().transform((text, ctx): Period => {
  const parsed = parsePeriod(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'expected a real date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"' });
    return z.NEVER;
  }
  return parsed;
});

const key = (max: number) =>
  z.string().max(max).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected a lower-case kebab-case key' });
const label = (max: number) => z.string().min(1).max(max);
const countryCode = z.string().regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166-1 alpha-2 code such as SG' });
const unique = <T>(values: T[]) => new Set(values).size === values.length;

const sourceRef = z.strictObject({ document: key(120), quote: z.string().min(1) });

// A file's items (countries, actors, pillars, commitments…) are validated one by one against the item
// schemas, so that one bad item does not hide the problems of the others: the file schemas only check
// that the lists are there.
const list = z.array(z.unknown());

export const countrySchema = z.strictObject({ code: countryCode, name: label(120) });

export const actorSchema = z.strictObject({
  key: key(120),
  name: label(300),
  kind: z.enum(ActorKind),
  country: countryCode.optional(),
});

export const countriesFileSchema = z.strictObject({ countries: list });

export const actorsFileSchema = z.strictObject({ actors: list });

export const documentFileSchema = z.strictObject({
  slug: key(120),
  title: label(500),
  publisher: label(200),
  kind: z.enum(DocumentKind),
  language: z
    .string()
    .max(35)
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/, { message: 'expected a BCP 47 language tag such as en' }),
  url: z.url().max(2000).optional(),
  // Quoted in the files: an unquoted hash of digits and one "e" would be read as a number.
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits, quoted' }),
  published: z
    .strictObject({ date: period, basis: z.enum(DateBasis), reasoning: z.string().min(1).optional() })
    .refine((published) => published.basis !== 'INFERRED' || published.reasoning !== undefined, {
      message: 'is required when basis is INFERRED',
      path: ['reasoning'],
    }),
});

export const milestoneSchema = z
  .strictObject({
    kind: z.enum(MilestoneKind),
    level: z.enum(PartnershipLevel).optional(),
    title: label(300),
    date: period,
    source: sourceRef,
  })
  .refine((milestone) => (milestone.kind === 'FRAMEWORK') === (milestone.level === undefined), {
    message: 'is required for ESTABLISHED and UPGRADED milestones and not allowed for FRAMEWORK',
    path: ['level'],
  });

export const pillarSchema = z.strictObject({
  key: key(120),
  position: z.number().int().min(1),
  name: label(300),
  description: z.string().min(1).optional(),
  source: sourceRef,
});

const amountSchema = z.strictObject({
  value: z
    .number()
    .nonnegative()
    // The column is DECIMAL(20, 2); tolerance because 0.1 * 100 is not exactly 10 in binary floating point.
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
      message: 'expected at most two decimal places',
    }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code such as USD' }),
  text: label(200),
});

const provenanceSchema = z.strictObject({
  document: key(120),
  quote: z.string().min(1),
  role: z.enum(MentionRole),
  status: z.enum(CommitmentStatus).optional(),
});

export const commitmentSchema = z.strictObject({
  key: key(160),
  title: z.string().min(1).max(119, { message: 'expected a short title, under 120 characters' }),
  description: z.string().min(1).optional(),
  pillar: key(120),
  pillarBasis: z.enum(PillarBasis),
  status: z.enum(CommitmentStatus),
  actors: z
    .array(z.strictObject({ actor: key(120), role: z.enum(ActorRole) }))
    .min(1)
    .refine((actors) => unique(actors.map((entry) => entry.actor)), { message: 'lists an actor twice' }),
  deadline: period.optional(),
  amounts: z
    .array(amountSchema)
    .refine((amounts) => unique(amounts.map((amount) => amount.text)), { message: 'lists the same amount text twice' })
    .optional(),
  tags: z
    .array(key(60))
    .refine(unique, { message: 'lists a tag twice' })
    .optional(),
  provenance: z.array(provenanceSchema).min(1),
});

export const partnershipFileSchema = z.strictObject({
  partnership: z.strictObject({
    slug: key(120),
    name: label(200),
    description: z.string().min(1).optional(),
    level: z.enum(PartnershipLevel),
    parties: z.array(countryCode).min(2).refine(unique, { message: 'lists a country twice' }),
    milestones: list,
  }),
  pillars: list.min(1),
  actors: list.optional(),
  commitments: list,
});

export type CountryEntry = z.infer<typeof countrySchema>;
export type ActorEntry = z.infer<typeof actorSchema>;
export type DocumentEntry = z.infer<typeof documentFileSchema>;
export type MilestoneEntry = z.infer<typeof milestoneSchema>;
export type PillarEntry = z.infer<typeof pillarSchema>;
export type CommitmentEntry = z.infer<typeof commitmentSchema>;
export type PartnershipEntry = z.infer<typeof partnershipFileSchema>['partnership'];
