/**
 * The response grid: for each assessed need, the responses a caseworker may put in the plan. mide's own default
 * grid is data here (seeded at first start, then configurable by an administrator); `proposeActivities` turns
 * assessed needs into proposed plan activities. Needs and responses are fixed codes, so pages translate them;
 * which responses answer which need, and in what order, is what a country configures.
 */

export const NEED_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type NeedDimension = (typeof NEED_DIMENSIONS)[number];

/** Needs a needs assessment may record, each in one dimension of reintegration. */
export const NEEDS = {
  no_income: 'economic',
  debt: 'economic',
  skills_recognition: 'economic',
  housing: 'social',
  health: 'social',
  documentation: 'social',
  education: 'social',
  family_reunification: 'social',
  legal_assistance: 'social',
  psychosocial_support: 'psychosocial',
  community_reintegration: 'psychosocial',
} as const satisfies Record<string, NeedDimension>;
export type Need = keyof typeof NEEDS;
export const NEED_CODES = Object.keys(NEEDS) as [Need, ...Need[]];

export const RESPONSES = [
  'job_placement',
  'business_support',
  'vocational_training',
  'skills_certification',
  'financial_education',
  'savings_group',
  'debt_counselling',
  'temporary_shelter',
  'housing_support',
  'health_referral',
  'medical_care',
  'document_issuance',
  'school_enrolment',
  'adult_education',
  'family_tracing',
  'family_mediation',
  'legal_aid',
  'psychosocial_counselling',
  'peer_support_group',
  'community_activities',
] as const;
export type Response = (typeof RESPONSES)[number];

export interface GridEntry {
  need: Need;
  response: Response;
}

/** mide's default grid (not any government's official one): needs in order, responses in the order proposed. */
export const DEFAULT_GRID: Readonly<Record<Need, readonly Response[]>> = {
  no_income: ['job_placement', 'business_support', 'vocational_training'],
  debt: ['financial_education', 'savings_group', 'debt_counselling'],
  skills_recognition: ['skills_certification', 'job_placement'],
  housing: ['temporary_shelter', 'housing_support'],
  health: ['health_referral', 'medical_care'],
  documentation: ['document_issuance', 'legal_aid'],
  education: ['school_enrolment', 'adult_education', 'vocational_training'],
  family_reunification: ['family_tracing', 'family_mediation'],
  legal_assistance: ['legal_aid'],
  psychosocial_support: ['psychosocial_counselling', 'peer_support_group'],
  community_reintegration: ['community_activities', 'peer_support_group'],
};

/** The default grid as ordered rows, the shape stored in the database. */
export function defaultGridEntries(): GridEntry[] {
  return NEED_CODES.flatMap((need) => DEFAULT_GRID[need].map((response) => ({ need, response })));
}

/** Repeated (need, response) pairs in a grid, as indexes of the later copies: a grid lists each pair once. */
export function repeatedEntries(grid: readonly GridEntry[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  grid.forEach((e, i) => {
    const key = `${e.need}:${e.response}`;
    if (seen.has(key)) repeated.push(i);
    seen.add(key);
  });
  return repeated;
}

/**
 * Activities proposed for the assessed needs: each need's responses in grid order, needs in the order given,
 * without proposing a response already in the plan for that need, nor the same response twice.
 */
export function proposeActivities(needs: readonly Need[], grid: readonly GridEntry[], alreadyPlanned: readonly GridEntry[] = []): GridEntry[] {
  const planned = new Set(alreadyPlanned.map((a) => `${a.need}:${a.response}`));
  const proposedResponses = new Set<Response>();
  const proposals: GridEntry[] = [];
  for (const need of new Set(needs)) {
    for (const entry of grid) {
      if (entry.need !== need || planned.has(`${need}:${entry.response}`) || proposedResponses.has(entry.response)) continue;
      proposedResponses.add(entry.response);
      proposals.push({ need, response: entry.response });
    }
  }
  return proposals;
}
