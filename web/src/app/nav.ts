import type { MessageKey } from './i18n';
import { NAV_ORDER } from './platform';

/** An entry of the main navigation, as the shell shows it (texts registered as `nav.<id>` by `app/platform.ts`). */
export interface NavEntry {
  id: string;
  path: string;
  label: MessageKey;
  description: MessageKey;
  anyOf: readonly string[];
  /** shown to everyone, signed in or not */
  public?: boolean;
}

export const NAV_ENTRIES: NavEntry[] = NAV_ORDER.flatMap((m) =>
  m.nav.map((e) => ({
    id: e.id,
    path: e.path,
    label: `nav.${e.id}` as MessageKey,
    description: `nav.${e.id}.description` as MessageKey,
    anyOf: e.anyOf,
    public: e.public,
  })),
);

/** An entry is shown when it is public or the user holds one of `anyOf`. */
export function visibleNav(can: (p: string) => boolean): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.public === true || e.anyOf.some(can));
}
