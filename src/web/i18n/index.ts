import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import dayjs from 'dayjs';
import type { Locale } from '../api/types';

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

/**
 * Each feature module may keep its own catalogs in `features/<module>/i18n/{vi,en}.json` (one top-level key,
 * the module's name); they are merged over the shared ones, so modules never edit the same file.
 */
const moduleCatalogs = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/i18n/*.json', { eager: true });
function withModules(base: Record<string, unknown>, lang: 'vi' | 'en'): Record<string, unknown> {
  const merged = { ...base };
  for (const [file, mod] of Object.entries(moduleCatalogs)) if (file.endsWith(`/${lang}.json`)) Object.assign(merged, mod.default);
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: withModules(vi, 'vi') }, en: { translation: withModules(en, 'en') } },
  lng,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language and remembers it in this browser. */
export function applyLanguage(locale: Locale): void {
  try {
    localStorage.setItem(LANG_KEY, locale);
  } catch {
    // private mode: the server copy (PATCH /api/auth/me) still remembers it
  }
  dayjs.locale(locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export default i18n;
