import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars';
import { COMPLIANCE_RULES } from '../../db/compliance';
import { toGlobalId } from '../../relay/global-id';
import { ComplianceGroupBy, type ComplianceReportRow } from '../compliance.model';

registerEnumType(ComplianceGroupBy, {
  name: 'ComplianceGroupBy',
  description: 'How to roll compliance scores up.',
  valuesConfig: {
    PARTNERSHIP: { description: 'By partnership; key: its slug.' },
    PILLAR: { description: 'By pillar; key: its slug.' },
    COUNTRY: {
      description:
        'By party: each country that is a party to the commitment\'s partnership (not the countries of its actors); key: ISO code. ' +
        'A commitment is scored once for each of its parties.',
    },
    NONE: { description: 'No grouping: a single group, key "all".' },
  },
});

@ObjectType('ComplianceScore', { description: `A compliance score rolled up over commitments. ${COMPLIANCE_RULES}` })
export class ComplianceScore {
  @Field(() => Int, { description: 'Commitments scored: those selected that had been announced by the date.' })
  scored!: number;

  @Field(() => Int, { description: 'Commitments scoring +1 (COMPLETED).' })
  compliant!: number;

  @Field(() => Int, { description: 'Commitments scoring 0 (PARTIALLY_COMPLETED, IN_PROGRESS, SUPERSEDED, or ANNOUNCED and not past the deadline).' })
  neutral!: number;

  @Field(() => Int, { description: 'Commitments scoring -1 (STALLED, ABANDONED, or ANNOUNCED and past the deadline).' })
  nonCompliant!: number;

  @Field(() => Float, { nullable: true, description: 'The average score, from -1 (no compliance at all) to +1 (full compliance); null when nothing was scored.' })
  averageScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'The average as a percentage: (averageScore + 1) / 2 * 100, from 0 to 100; null when nothing was scored.' })
  percentage!: number | null;
}

@ObjectType('ComplianceGroup', { description: 'The compliance score of one group of commitments.' })
export class ComplianceGroup {
  @Field({ description: 'What identifies the group: a partnership\'s or pillar\'s slug, a country code, or "all".' })
  key!: string;

  @Field({ description: 'A human-readable name for the group.' })
  label!: string;

  @Field(() => ID, { nullable: true, description: 'The global ID of the partnership or pillar the group stands for; null for countries and "all".' })
  nodeId!: string | null;

  @Field(() => ComplianceScore, { description: 'The group\'s score.' })
  score!: ComplianceScore;
}

@ObjectType('ComplianceReport', { description: `Compliance scores of the commitments a filter selects, as of a date, overall and by group. ${COMPLIANCE_RULES}` })
export class ComplianceReport {
  @Field(() => LocalDateScalar, { description: 'The day the statuses and deadlines were judged on.' })
  asOf!: string;

  @Field(() => ComplianceGroupBy, { description: 'How the groups were formed.' })
  groupBy!: ComplianceGroupBy;

  @Field(() => ComplianceScore, { description: 'Every selected commitment, scored once.' })
  overall!: ComplianceScore;

  @Field(() => [ComplianceGroup], { description: 'The groups, by key; groups without a scored commitment are left out.' })
  groups!: ComplianceGroup[];
}

/** The report as GraphQL serves it: the groups' partnerships and pillars under their global IDs. */
export function toComplianceReport(row: ComplianceReportRow): ComplianceReport {
  return {
    ...row,
    groups: row.groups.map(({ node, ...group }) => ({ ...group, nodeId: node && toGlobalId(node.type, node.id) })),
  };
}
