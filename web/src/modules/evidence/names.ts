import type { Lang, Translate } from '../../app/i18n';
import { isRegion, LAC, worldCode } from './codes';

const lacByIso3 = new Map(LAC.map((c) => [c.iso3, c]));
const displayNames = new Map<string, Intl.DisplayNames | null>();

function regionNames(lang: Lang): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    try {
      displayNames.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
    } catch {
      displayNames.set(lang, null);
    }
  }
  return displayNames.get(lang) ?? null;
}

/**
 * The name of an area in the reader's language: the UN names for Latin America and the Caribbean, the browser's
 * own localised names (Intl.DisplayNames) elsewhere, the M49 region names from the catalogue, else the code.
 */
export function areaName(code: string, lang: Lang, t: Translate, apiName?: string | null): string {
  if (isRegion(code)) return t(`ev.region.${code}`);
  const lac = lacByIso3.get(code);
  if (lac) return lang === 'es' ? lac.nameEs : lac.nameEn;
  // the browser's short common names ("Estados Unidos", "Corea del Sur") read better in charts than official ones
  const iso2 = worldCode(code)?.iso2;
  if (iso2) {
    const name = regionNames(lang)?.of(iso2);
    if (name && name !== iso2) return name;
  }
  if (apiName) return apiName;
  if (code === 'XKX') return 'Kosovo';
  return code;
}
