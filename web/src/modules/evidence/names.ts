import type { Lang, Translate } from '../../app/i18n';
import { countryName, isRegion } from '../../app/countries';

/**
 * The name of an area in the reader's language: the UN names for Latin America and the Caribbean, the browser's
 * own localised names (Intl.DisplayNames) elsewhere, the M49 region names from the catalogue, else the code.
 */
export function areaName(code: string, lang: Lang, t: Translate, apiName?: string | null): string {
  if (isRegion(code)) return t(`ev.region.${code}`);
  const name = countryName(code, lang);
  if (name) return name;
  if (apiName) return apiName;
  if (code === 'XKX') return 'Kosovo';
  return code;
}
