import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMessage } from '@mide/format';
import { setApiLanguage } from './api';
import type { Catalogue, Catalogues, Lang } from './module';
import { navMessages, type PlatformMessageKey } from './platform';

/**
 * Message keys, taken from the Spanish catalogues (es and en have identical key sets): the shell's catalogue (the
 * shell, account, administration and persons pages), each module's (loaded with its pages, so a public page of one
 * module does not download the texts of every other) and the modules' navigation texts.
 */
export type MessageKey = PlatformMessageKey;
export type { Catalogue, Lang };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const LANGS: readonly { code: Lang; name: string }[] = [
  { code: 'es', name: 'Español' },
  { code: 'en', name: 'English' },
  { code: 'pt', name: 'Português' },
  { code: 'fr', name: 'Français' },
];

/** BCP 47 locale used for numbers and dates. */
export const LOCALES: Record<Lang, string> = { es: 'es', en: 'en-GB', pt: 'pt-BR', fr: 'fr' };

/** The shell's catalogue, loaded before the first paint (only the active language, plus its fallbacks). */
const SHELL_CATALOGUES: Catalogues = {
  es: () => import('./i18n/es.json'),
  en: () => import('./i18n/en.json'),
  pt: () => import('./i18n/pt.json'),
  fr: () => import('./i18n/fr.json'),
};

/** Every loaded bundle of a language, merged (keys are unique across bundles: the check script sees to it). */
const loaded: Partial<Record<Lang, Catalogue>> = {};
const loadedParts = new Set<string>();
/** Bundles some page has needed so far, by name: a change of language loads them all in the new language. */
const inUse = new Map<string, Catalogues>([['shell', SHELL_CATALOGUES]]);
/** The navigation texts of every module, which the shell shows before any module's catalogue is loaded. */
const navTexts: Partial<Record<Lang, Catalogue>> = {};
let currentLang: Lang = 'es';
const STORAGE_KEY = 'mide.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'es' || v === 'en' || v === 'pt' || v === 'fr';
}

async function loadPart(lang: Lang, bundle: string, catalogues: Catalogues): Promise<void> {
  const part = `${lang}:${bundle}`;
  if (loadedParts.has(part)) return;
  const mod = await catalogues[lang]();
  loaded[lang] = { ...loaded[lang], ...mod.default };
  loadedParts.add(part);
}

const fallbackChain = (lang: Lang): Lang[] => (lang === 'es' ? ['es'] : lang === 'en' ? ['en'] : [lang, 'en']);

/** Loads the catalogues of `lang` for every bundle in use, and the fallbacks: missing keys fall back to English, then Spanish. */
export async function loadCatalogues(lang: Lang): Promise<void> {
  await Promise.all(fallbackChain(lang).flatMap((l) => [...inUse].map(([name, catalogues]) => loadPart(l, name, catalogues))));
}

/** Loads a module's catalogue in the current language (a module's pages load it with their code). */
export async function loadBundle(name: string, catalogues: Catalogues): Promise<void> {
  inUse.set(name, catalogues);
  await Promise.all(fallbackChain(currentLang).map((l) => loadPart(l, name, catalogues)));
}

export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage blocked: fall through
  }
  // Spanish first: the browser's language is not guessed; the switcher's choice is remembered.
  return 'es';
}

function lookup(lang: Lang, key: string): string | undefined {
  const nav = (navTexts[lang] ??= navMessages(lang));
  return nav[key] ?? loaded[lang]?.[key] ?? loaded.en?.[key] ?? loaded.es?.[key];
}

/** The message in `lang`, its parameters put in and its plural forms chosen (`{count, plural, one {# caso} other {# casos}}`). */
export function translate(lang: Lang, key: string, vars?: Vars): string {
  const text = lookup(lang, key) ?? key;
  return vars ? formatMessage(LOCALES[lang], text, vars) : text;
}

export function hasMessage(lang: Lang, key: string): boolean {
  return lookup(lang, key) !== undefined;
}

function applyLang(lang: Lang): void {
  currentLang = lang;
  document.documentElement.lang = lang;
  setApiLanguage(lang, translate(lang, 'error.network'));
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
}

interface I18nValue {
  lang: Lang;
  locale: string;
  t: Translate;
  /** For keys built at run time (role ids, permission verbs): falls back to `fallback` when unknown. */
  tDynamic: (key: string, fallback: string, vars?: Vars) => string;
  setLang: (lang: Lang) => Promise<void>;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ initial, children }: { initial: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    applyLang(initial);
    return initial;
  });

  const setLang = useCallback(async (next: Lang) => {
    await loadCatalogues(next);
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      lang,
      locale: LOCALES[lang],
      t: (key, vars) => translate(lang, key, vars),
      tDynamic: (key, fallback, vars) => (hasMessage(lang, key) ? translate(lang, key, vars) : fallback),
      setLang,
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function useT(): Translate {
  return useI18n().t;
}
