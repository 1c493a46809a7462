import { CLI_META, SYSTEM, type AppContext } from '../../../core/context.js';
import { storeScheme, type SchemeInput } from './schemes.js';

/**
 * An example funding scheme, so a new installation can be tried end to end. Its shares and caps echo the shape of
 * Mexico's 3x1 programme but are not any programme's official rules: a coordinator defines the real scheme.
 */
export const EXAMPLE_SCHEME: SchemeInput = {
  code: '3x1-ejemplo',
  name: 'Esquema de ejemplo 3x1 (adaptar antes de usar)',
  currency: 'MXN',
  parties: [
    { key: 'federal', name_es: 'Gobierno federal', name_en: 'Federal government' },
    { key: 'state', name_es: 'Gobierno estatal', name_en: 'State government' },
    { key: 'municipal', name_es: 'Gobierno municipal', name_en: 'Municipal government' },
    { key: 'association', name_es: 'Asociación de migrantes', name_en: 'Migrant association' },
  ],
  rules: [
    { project_type: 'infrastructure', max_budget: 1_000_000, shares: { federal: 25, state: 25, municipal: 25, association: 25 } },
    { project_type: 'productive', max_budget: 300_000, shares: { federal: 50, association: 50 } },
    { project_type: 'social', max_budget: 500_000, shares: { federal: 25, state: 25, municipal: 25, association: 25 } },
    { project_type: 'education', max_budget: 500_000, shares: { federal: 25, state: 25, municipal: 25, association: 25 } },
  ],
  criteria: [
    { key: 'community_benefit', name_es: 'Beneficio para la comunidad', name_en: 'Benefit to the community', weight: 3 },
    { key: 'feasibility', name_es: 'Viabilidad técnica y financiera', name_en: 'Technical and financial feasibility', weight: 3 },
    { key: 'participation', name_es: 'Participación de la comunidad y de la asociación', name_en: 'Participation of the community and the association', weight: 2 },
    { key: 'sustainability', name_es: 'Sostenibilidad y mantenimiento', name_en: 'Sustainability and upkeep', weight: 2 },
  ],
  min_score: 6,
};

/** Creates the example scheme once (runs at every start; a scheme with its code, even changed since, is left alone). */
export async function seedRemittances(ctx: AppContext): Promise<void> {
  await storeScheme(ctx, SYSTEM, CLI_META, EXAMPLE_SCHEME);
}
