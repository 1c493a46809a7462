import { useI18n } from '../../app/i18n';
import { countryName } from '../../app/countries';
import type { CaseStatus } from './types';

/**
 * Names of the module's codes in the reader's language. The codes are fixed by the server; a code the catalogue
 * does not know yet (a new history event, say) shows as itself rather than breaking the page.
 */
export function useRnLabels() {
  const { tDynamic, lang } = useI18n();
  const of = (group: string) => (code: string) => tDynamic(`rn.${group}.${code}`, code);
  return {
    status: of('status'),
    how: of('how'),
    need: of('need'),
    dimension: of('dimension'),
    response: of('response'),
    closure: of('closure'),
    outcome: of('outcome'),
    partnerResponse: of('partnerResponse'),
    activityStatus: of('activityStatus'),
    channel: of('channel'),
    kind: of('kind'),
    factor: of('factor'),
    level: of('level'),
    priority: of('priority'),
    use: of('use'),
    place: of('place'),
    event: of('event'),
    /** A country by its ISO3 code (where a returnee came back from), its code when unknown. */
    country: (iso3: string) => countryName(iso3, lang) ?? iso3,
  };
}

/** The colour of each status's tag: waiting for a supervisor is yellow, working is blue, closed is grey. */
export const STATUS_COLOUR: Record<CaseStatus, 'blue' | 'green' | 'grey' | 'yellow'> = {
  registered: 'blue',
  planning: 'blue',
  plan_submitted: 'yellow',
  active: 'green',
  closure_requested: 'yellow',
  closed: 'grey',
};
