import core from '../core/module';
import * as registry from '../modules';
import type { Lang, ModuleMessageKey, WebModule } from './module';

/**
 * The composition root of the web app: the core's pages and every registered module. Routes, navigation, message
 * bundles and the i18n check all read this list; nothing else in `app/` names a module.
 */
export const MODULES: readonly WebModule[] = Object.values(registry);
/** The core first, then the modules in registry order. */
export const PLATFORM_MODULES: readonly WebModule[] = [core, ...MODULES];
/** The main navigation: the modules' entries, then the core's (persons, administration). */
export const NAV_ORDER: readonly WebModule[] = [...MODULES, core];

/** Every message key the modules bring (see `MessageKey` in `i18n.tsx`). */
export type PlatformMessageKey = ModuleMessageKey<typeof core> | { [K in keyof typeof registry]: ModuleMessageKey<(typeof registry)[K]> }[keyof typeof registry];

/** The navigation texts of every module as messages (`nav.<id>`, `nav.<id>.description`), per language. */
export function navMessages(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of PLATFORM_MODULES) {
    for (const e of m.nav) {
      out[`nav.${e.id}`] = e.label[lang];
      out[`nav.${e.id}.description`] = e.description[lang];
    }
  }
  return out;
}
