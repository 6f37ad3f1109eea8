import { requireNotFuture, toLocalDate } from '../common/dates';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import { lockPartnership } from '../db/partnership.sql';
import type { Partnership, PartnershipMilestone } from '../generated/prisma/client';
import type { WriteUnit } from '../idempotency/write-unit';
import { locateQuote } from '../source-document/quote-locator';
import type { CreatePartnershipCommand, RecordPartnershipMilestoneCommand } from './partnership.commands';

const LEVEL_MILESTONES = ['ESTABLISHED', 'UPGRADED'] as const;

export class PartnershipWriteService {
  constructor(private readonly writes: WriteUnit) {}

  async create(command: CreatePartnershipCommand): Promise<Partnership> {
    const codes = [...new Set(command.partyCodes)];
    if (codes.length < 2) throw new InvalidInputError('partyCodes must name at least two different countries', ['input', 'partyCodes']);
    return this.writes.transaction({ operation: 'createPartnership' }, async (tx) => {
      const known = new Set((await tx.country.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((row) => row.code));
      const unknown = codes.find((code) => !known.has(code));
      if (unknown) throw new NotFoundError(`Country ${unknown}`, ['input', 'partyCodes', String(command.partyCodes.indexOf(unknown))]);
      return conflictOnUnique(
        tx.partnership.create({
          data: {
            slug: command.slug,
            name: command.name.trim(),
            description: command.description?.trim() || null,
            level: command.level,
            parties: { create: codes.map((countryCode) => ({ countryCode })) },
          },
        }),
        `slug "${command.slug}" is taken by another partnership`,
        ['input', 'slug'],
      );
    });
  }

  /** Records a milestone; one that reaches a level newer than any other moves the partnership to it. */
  async recordMilestone(command: RecordPartnershipMilestoneCommand): Promise<{ partnership: Partnership; milestone: PartnershipMilestone }> {
    const { partnership: { id: partnershipId }, sourceDocument, occurredOn } = command;
    const occurredDay = toLocalDate(occurredOn);
    requireNotFuture(occurredDay, ['input', 'occurredOn']);
    const setsLevel = (LEVEL_MILESTONES as readonly string[]).includes(command.kind);
    if (setsLevel && !command.level) throw new InvalidInputError(`level is required for a ${command.kind} milestone`, ['input', 'level']);
    if (command.quote != null && sourceDocument === null) throw new InvalidInputError('quote needs the sourceDocumentId it is quoted from', ['input', 'quote']);
    return this.writes.transaction({ operation: 'recordPartnershipMilestone' }, async (tx) => {
      // Locked, so that two milestones recorded at once agree on which one is the latest.
      if (!(await lockPartnership(tx, partnershipId))) throw new NotFoundError(`Partnership ${command.partnership.globalId}`, ['input', 'partnershipId']);
      if (sourceDocument !== null) {
        const document = await tx.sourceDocument.findUnique({ where: { id: sourceDocument.id }, select: { text: true } });
        if (!document) throw new NotFoundError(`Source document ${sourceDocument.globalId}`, ['input', 'sourceDocumentId']);
        const located = command.quote == null ? undefined : locateQuote(document.text, command.quote);
        if (typeof located === 'string') throw new InvalidInputError(`quote ${located} in the source document`, ['input', 'quote']);
      }
      const milestone = await conflictOnUnique(
        tx.partnershipMilestone.create({
          data: {
            partnershipId,
            kind: command.kind,
            level: command.level ?? null,
            title: command.title.trim(),
            occurredOn,
            occurredPrecision: command.occurredPrecision,
            sourceDocumentId: sourceDocument?.id ?? null,
            quote: command.quote ?? null,
          },
        }),
        `The partnership already has a ${command.kind} milestone on ${occurredDay}`,
        ['input', 'occurredOn'],
      );
      const latestLevel =
        setsLevel &&
        (await tx.partnershipMilestone.count({ where: { partnershipId, kind: { in: [...LEVEL_MILESTONES] }, occurredOn: { gt: occurredOn } } })) === 0;
      const partnership = latestLevel
        ? await tx.partnership.update({ where: { id: partnershipId }, data: { level: command.level! } })
        : await tx.partnership.findUniqueOrThrow({ where: { id: partnershipId } });
      return { partnership, milestone };
    });
  }
}
