import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import dayjs from 'dayjs';
import type { Locale } from '../api/types';
import type { CatalogLoader } from '../lib/module';
import { amountFormatter } from './numbers';

export const LANG_KEY = 'chibo.lang';

function initialLanguage(): Locale {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const lng = initialLanguage();
dayjs.locale(lng);
document.documentElement.lang = lng;

// What is fetched on use (issue 14: the first load carries only the shared Vietnamese catalog): the shared English
// catalog and the modules' catalogs of each language, merged as they come. main.tsx waits for English when it is the
// start language; App.tsx waits for the language's module catalogs before a signed-in or a public page.
const loaders: Record<Locale, CatalogLoader[]> = {
  vi: [],
  en: [() => import('./en.json') as Promise<{ default: Record<string, unknown> }>],
};
const ready: Partial<Record<Locale, Promise<void>>> = {};

/** Loads a language's remaining catalogs (the shared English one, the modules') once; later calls share it. */
export function loadLanguage(locale: Locale): Promise<void> {
  ready[locale] ??= (async () => {
    // In order: the shared catalog first, each module's over it.
    const catalogs = await Promise.all(loaders[locale].map((load) => load()));
    for (const c of catalogs) i18n.addResourceBundle(locale, 'translation', c.default, true, true);
  })().catch((err: unknown) => {
    delete ready[locale]; // a lost connection: the next page asks again
    throw err;
  });
  return ready[locale];
}

type CatalogSet = { vi: Record<string, unknown> | CatalogLoader; en: Record<string, unknown> | CatalogLoader };
const loaderOf = (c: Record<string, unknown> | CatalogLoader): CatalogLoader => (typeof c === 'function' ? c : () => Promise.resolve({ default: c }));
const partial = new Map<string, Promise<void>>();

/**
 * Loads only some modules' catalogs of a language (a public page needs the public modules', not all twelve: issue
 * 14's bundle goal); with English, the shared English catalog too. Once the whole language is loaded, that serves.
 */
export function loadSomeCatalogs(name: string, sets: readonly CatalogSet[], locale: Locale): Promise<void> {
  if (ready[locale]) return ready[locale];
  const key = `${locale}:${name}`;
  let loading = partial.get(key);
  if (!loading) {
    loading = (async () => {
      const list = [...(locale === 'en' ? [loaders.en[0]!] : []), ...sets.map((s) => loaderOf(s[locale]))];
      const catalogs = await Promise.all(list.map((load) => load()));
      for (const c of catalogs) i18n.addResourceBundle(locale, 'translation', c.default, true, true);
    })().catch((err: unknown) => {
      partial.delete(key);
      throw err;
    });
    partial.set(key, loading);
  }
  return loading;
}

/** The language the app shows now. */
export const currentLanguage = (): Locale => (i18n.language === 'en' ? 'en' : 'vi');

void i18n.use(initReactI18next).use(amountFormatter).init({
  resources: { vi: { translation: vi }, en: { translation: {} } },
  lng,
  fallbackLng: 'vi',
  // alwaysFormat: every number in a sentence goes through amountFormatter (128.555, not 128555).
  interpolation: { escapeValue: false, alwaysFormat: true },
  returnNull: false,
});

/**
 * Adds a feature module's own catalogs (declared in its module.tsx, kept in `features/<module>/i18n/{vi,en}.json`
 * with one top-level key, the module's name) over the shared ones: modules never edit the same file.
 */
export function addModuleCatalogs(catalogs: { vi: Record<string, unknown> | CatalogLoader; en: Record<string, unknown> | CatalogLoader }): void {
  for (const locale of ['vi', 'en'] as const) {
    const catalog = catalogs[locale];
    loaders[locale].push(loaderOf(catalog));
  }
}

/** Switches the UI language and remembers it in this browser. */
export function applyLanguage(locale: Locale): void {
  try {
    localStorage.setItem(LANG_KEY, locale);
  } catch {
    // private mode: the server copy (PATCH /api/auth/me) still remembers it
  }
  void loadLanguage(locale).then(() => {
    dayjs.locale(locale);
    document.documentElement.lang = locale;
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  });
}

export default i18n;
