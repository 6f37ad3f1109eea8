import { requireNotFuture } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import type { PrismaClient } from '../db/prisma';
import { localDateToDate } from '../common/scalars';
import { fromGlobalId } from '../relay/global-id';
import { fromRow } from '../relay/node.interface';
import { locateQuote } from '../source-document/quote-locator';
import type { CreatePartnershipInput, RecordPartnershipMilestoneInput } from './api/partnership.input';
import { Partnership, PartnershipMilestone } from './api/partnership.type';

const LEVEL_MILESTONES = ['ESTABLISHED', 'UPGRADED'] as const;

export class PartnershipWriteService {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: CreatePartnershipInput) {
    const codes = [...new Set(input.partyCodes)];
    if (codes.length < 2) throw new InvalidInputError('partyCodes must name at least two different countries', ['input', 'partyCodes']);
    const known = new Set((await this.prisma.country.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((row) => row.code));
    const unknown = codes.find((code) => !known.has(code));
    if (unknown) throw new NotFoundError(`Country ${unknown}`, ['input', 'partyCodes', String(input.partyCodes.indexOf(unknown))]);
    const row = await this.prisma.partnership
      .create({
        data: {
          slug: input.slug,
          name: input.name.trim(),
          description: input.description?.trim() || null,
          level: input.level,
          parties: { create: codes.map((countryCode) => ({ countryCode })) },
        },
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new ConflictError(`slug "${input.slug}" is taken by another partnership`, ['input', 'slug']) : error;
      });
    return { partnership: fromRow(Partnership, row) };
  }

  /** Records a milestone; one that reaches a level newer than any other moves the partnership to it. */
  async recordMilestone(input: RecordPartnershipMilestoneInput) {
    const partnershipId = fromGlobalId(input.partnershipId, 'Partnership', ['input', 'partnershipId']);
    const sourceDocumentId = input.sourceDocumentId == null ? null : fromGlobalId(input.sourceDocumentId, 'SourceDocument', ['input', 'sourceDocumentId']);
    requireNotFuture(input.occurredOn, ['input', 'occurredOn']);
    const setsLevel = (LEVEL_MILESTONES as readonly string[]).includes(input.kind);
    if (setsLevel && !input.level) throw new InvalidInputError(`level is required for a ${input.kind} milestone`, ['input', 'level']);
    if (input.quote != null && sourceDocumentId === null) throw new InvalidInputError('quote needs the sourceDocumentId it is quoted from', ['input', 'quote']);
    const occurredOn = localDateToDate(input.occurredOn);
    const rows = await this.prisma.$transaction(async (tx) => {
      // Locked, so that two milestones recorded at once agree on which one is the latest.
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM partnership WHERE id = ${partnershipId} FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError(`Partnership ${input.partnershipId}`, ['input', 'partnershipId']);
      if (sourceDocumentId !== null) {
        const document = await tx.sourceDocument.findUnique({ where: { id: sourceDocumentId }, select: { text: true } });
        if (!document) throw new NotFoundError(`Source document ${input.sourceDocumentId}`, ['input', 'sourceDocumentId']);
        const located = input.quote == null ? undefined : locateQuote(document.text, input.quote);
        if (typeof located === 'string') throw new InvalidInputError(`quote ${located} in the source document`, ['input', 'quote']);
      }
      const milestone = await tx.partnershipMilestone
        .create({
          data: {
            partnershipId,
            kind: input.kind,
            level: input.level ?? null,
            title: input.title.trim(),
            occurredOn,
            occurredPrecision: input.occurredPrecision,
            sourceDocumentId,
            quote: input.quote ?? null,
          },
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error)
            ? new ConflictError(`The partnership already has a ${input.kind} milestone on ${input.occurredOn}`, ['input', 'occurredOn'])
            : error;
        });
      const latestLevel =
        setsLevel &&
        (await tx.partnershipMilestone.count({ where: { partnershipId, kind: { in: [...LEVEL_MILESTONES] }, occurredOn: { gt: occurredOn } } })) === 0;
      const partnership =
        latestLevel
          ? await tx.partnership.update({ where: { id: partnershipId }, data: { level: input.level! } })
          : await tx.partnership.findUniqueOrThrow({ where: { id: partnershipId } });
      return { partnership, milestone };
    });
    return { partnership: fromRow(Partnership, rows.partnership), milestone: fromRow(PartnershipMilestone, rows.milestone) };
  }
}
