/**
 * The codes an org unit is known by. Its own `code` is the one in `path`, scopes and links; besides it a unit may
 * carry one code of each other scheme (ISO 3166-2, the national statistics office's, OCHA's P-code), and whoever
 * names a unit (an import, the API) may use any of them. Pure.
 */

export const ORG_UNIT_CODE_SCHEMES = ['iso_3166_2', 'nso_code', 'pcode'] as const;
export type OrgUnitCodeScheme = (typeof ORG_UNIT_CODE_SCHEMES)[number];

export interface OrgUnitCode {
  scheme: OrgUnitCodeScheme;
  code: string;
}

/**
 * Units by every code they carry, upper case. A unit's own code wins over another unit's extra code (the import
 * refuses such a clash, but a unit created later may take a code that was free).
 */
export function orgUnitCodeIndex<U extends { code: string; codes?: readonly string[] }>(units: readonly U[]): Map<string, U> {
  const index = new Map<string, U>();
  for (const u of units) for (const c of u.codes ?? []) index.set(c.toUpperCase(), u);
  for (const u of units) index.set(u.code.toUpperCase(), u);
  return index;
}
