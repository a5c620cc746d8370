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

// English is fetched when chosen (issue 14: the first load carries only the default language): the shared catalog
// and every module's, then merged as the Vietnamese ones are. main.tsx waits for it when English is the start language.
const englishLoaders: CatalogLoader[] = [() => import('./en.json') as Promise<{ default: Record<string, unknown> }>];
let englishReady: Promise<void> | undefined;

/** Loads a language's catalogs if they are not there yet (only English is loaded on demand). */
export function loadLanguage(locale: Locale): Promise<void> {
  if (locale !== 'en') return Promise.resolve();
  englishReady ??= (async () => {
    // In order: the shared catalog first, each module's over it.
    const catalogs = await Promise.all(englishLoaders.map((load) => load()));
    for (const c of catalogs) i18n.addResourceBundle('en', 'translation', c.default, true, true);
  })();
  return englishReady;
}

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
export function addModuleCatalogs(catalogs: { vi: Record<string, unknown>; en: Record<string, unknown> | CatalogLoader }): void {
  i18n.addResourceBundle('vi', 'translation', catalogs.vi, true, true);
  const en = catalogs.en;
  englishLoaders.push(typeof en === 'function' ? en : () => Promise.resolve({ default: en }));
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
