// The words the synthetic texts are made of, and the status paths the histories follow.

export const COUNTRIES: [string, string][] = [
  ['VN', 'Viet Nam'], ['SG', 'Singapore'], ['US', 'United States'], ['JP', 'Japan'], ['AU', 'Australia'],
  ['IN', 'India'], ['KR', 'Republic of Korea'], ['CN', 'China'], ['FR', 'France'], ['DE', 'Germany'],
  ['GB', 'United Kingdom'], ['ID', 'Indonesia'], ['MY', 'Malaysia'], ['TH', 'Thailand'], ['PH', 'Philippines'],
  ['NZ', 'New Zealand'], ['CA', 'Canada'], ['IT', 'Italy'], ['RU', 'Russian Federation'], ['BR', 'Brazil'],
  ['ZA', 'South Africa'], ['AE', 'United Arab Emirates'], ['SA', 'Saudi Arabia'], ['LA', "Lao People's Democratic Republic"],
  ['KH', 'Cambodia'], ['MM', 'Myanmar'], ['BN', 'Brunei Darussalam'], ['ES', 'Spain'], ['NL', 'Netherlands'], ['CH', 'Switzerland'],
];

export const PILLAR_THEMES: [string, string][] = [
  ['political', 'Political, diplomatic and strategic trust'],
  ['defence', 'Defence and security cooperation'],
  ['economic', 'Economic, trade and investment cooperation'],
  ['digital', 'Digital transformation and innovation'],
  ['climate', 'Climate, energy and the environment'],
  ['education', 'Education, science and technology'],
  ['people', 'Culture, tourism and people-to-people exchanges'],
  ['health', 'Health cooperation'],
  ['regional', 'Regional and multilateral cooperation'],
  ['law', 'Legal and judicial cooperation'],
];

export const VERBS = ['Launch', 'Establish', 'Sign', 'Expand', 'Strengthen', 'Conclude negotiations on', 'Set up', 'Hold', 'Develop', 'Promote', 'Deepen', 'Implement'];
export const OBJECTS = ['a joint working group on', 'an agreement on', 'a memorandum of understanding on', 'an annual dialogue on', 'a scholarship programme for',
  'a pilot project in', 'a cooperation framework for', 'a training programme on', 'joint research in', 'a co-financing facility for'];
export const TOPICS = ['green hydrogen', 'semiconductor supply chains', 'maritime domain awareness', 'digital trade', 'carbon credits', 'pandemic preparedness',
  'rice research', 'cybersecurity capacity', 'offshore wind', 'undersea cables', 'higher education', 'critical minerals', 'smart cities',
  'port logistics', 'transnational crime', 'peacekeeping training', 'financial technology', 'clean energy grids', 'food security', 'tourism',
  'public health', 'space technology', 'nuclear safety', 'water management', 'artificial intelligence', 'startup ecosystems',
  'customs facilitation', 'vocational training', 'disaster relief', 'electric vehicles'];
export const TAGS = ['digital-economy', 'green-economy', 'energy-transition', 'defence', 'maritime-security', 'trade', 'investment', 'education',
  'health', 'science-technology', 'semiconductors', 'climate', 'people-to-people', 'cybersecurity', 'agriculture', 'infrastructure'];
export const CONNECTORS = ['agreed to', 'committed to', 'will', 'resolved to', 'welcomed plans to', 'reaffirmed their intention to'];
export const ENDINGS = [' by 2030', ' within two years', '', ' at the earliest opportunity', ' before the next summit', ' by 2027'];
export const REASONS = ['as reported by the embassy', 'according to the ministry', 'per the joint committee minutes', 'following the annual review',
  'after a site visit', 'as announced at a press conference', 'according to the implementing agency', 'per public statements'];
export const STATUS_PHRASES: Record<string, string> = {
  IN_PROGRESS: 'Work has visibly started',
  PARTIALLY_COMPLETED: 'Part of the commitment has been delivered',
  COMPLETED: 'Delivered as promised',
  STALLED: 'No visible progress for a long time',
  ABANDONED: 'Dropped by the parties',
  SUPERSEDED: 'Replaced by a later commitment',
  ANNOUNCED: 'Back to announced: earlier work was undone',
};

// Status paths and their weights (out of 100): the first status is always ANNOUNCED. Chosen so that the
// final statuses are distributed as above and the mean length is exactly HISTORY_PER_COMMITMENT.
export const PATHS: [string, number][] = [
  ['A', 12],
  ['A IP', 8], ['A IP PC ST IP PC ST IP', 6], ['A IP PC ST IP', 5], ['A IP PC IP ST IP PC ST IP ST IP', 4], ['A IP PC IP', 2], ['A IP PC C IP', 2],
  ['A IP ST IP PC ST IP PC', 6], ['A IP ST IP PC', 4], ['A IP PC ST IP PC', 3], ['A IP PC C PC', 2], ['A IP ST IP ST IP PC', 2],
  ['A IP C', 3], ['A IP PC C', 6], ['A IP ST IP PC C', 4], ['A IP PC ST IP PC C', 4], ['A IP PC C PC C', 2], ['A IP ST IP ST IP PC ST IP PC C', 3],
  ['A IP PC IP ST', 4], ['A IP PC ST', 3], ['A IP ST IP ST', 2], ['A IP ST IP PC ST IP ST', 2],
  ['A AB', 1], ['A IP ST AB', 3], ['A IP ST IP ST AB', 2],
  ['A SU', 2], ['A IP SU', 3],
];
export const STATUS_OF: Record<string, string> = {
  A: 'ANNOUNCED', IP: 'IN_PROGRESS', PC: 'PARTIALLY_COMPLETED', C: 'COMPLETED', ST: 'STALLED', AB: 'ABANDONED', SU: 'SUPERSEDED',
};
