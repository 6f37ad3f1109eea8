// The GraphQL name and descriptions of CommitmentChangeKind; the enum itself is plain (commitment-change.ts),
// as the write path, which publishes changes, knows nothing of GraphQL. graphql/schema.ts imports this.
import { registerEnumType } from 'type-graphql';
import { CommitmentChangeKind } from '../commitment-change';

registerEnumType(CommitmentChangeKind, {
  name: 'CommitmentChangeKind',
  description: 'What a write did to a commitment.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Its title, description, pillar, actors, deadline or tags changed.' },
    STATUS_CHANGED: { description: 'Its status changed (a history entry was appended).' },
    PROGRESS_NOTE_ADDED: { description: 'A progress note was recorded.' },
    EVIDENCE_ATTACHED: { description: 'Evidence was attached.' },
    ARCHIVED: { description: 'It was archived.' },
    PARTY_ASSESSED: { description: 'A party\'s own assessment of it was recorded (assessParty).' },
    TARGET_ADDED: { description: 'A measurable target was added to it.' },
    TARGET_UPDATED: { description: 'One of its targets was changed.' },
    TARGET_READING_RECORDED: { description: 'A reading of one of its targets was recorded.' },
  },
});
