import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api';

/** Message keys, taken from the Spanish catalogue (es and en have identical key sets). */
export type MessageKey = Extract<keyof typeof import('./i18n/es.json'), string>;
export type Catalogue = Record<string, string>;
export type Lang = 'es' | 'en' | 'pt' | 'fr';
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

// Only the active catalogue is fetched (plus English as the fallback for pt and fr).
const loaders: Record<Lang, () => Promise<{ default: Catalogue }>> = {
  es: () => import('./i18n/es.json'),
  en: () => import('./i18n/en.json'),
  pt: () => import('./i18n/pt.json'),
  fr: () => import('./i18n/fr.json'),
};

const loaded: Partial<Record<Lang, Catalogue>> = {};
const STORAGE_KEY = 'mide.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'es' || v === 'en' || v === 'pt' || v === 'fr';
}

async function loadOne(lang: Lang): Promise<Catalogue> {
  const existing = loaded[lang];
  if (existing) return existing;
  const mod = await loaders[lang]();
  loaded[lang] = mod.default;
  return mod.default;
}

/** Loads the catalogue of `lang` and the fallbacks it needs: missing keys fall back to English, then Spanish. */
export async function loadCatalogues(lang: Lang): Promise<void> {
  const chain: Lang[] = lang === 'es' ? ['es'] : lang === 'en' ? ['en'] : [lang, 'en'];
  await Promise.all(chain.map(loadOne));
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

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(lang: Lang, key: string, vars?: Vars): string {
  const text = loaded[lang]?.[key] ?? loaded.en?.[key] ?? loaded.es?.[key];
  return interpolate(text ?? key, vars);
}

export function hasMessage(lang: Lang, key: string): boolean {
  return (loaded[lang]?.[key] ?? loaded.en?.[key] ?? loaded.es?.[key]) !== undefined;
}

function applyLang(lang: Lang): void {
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
