// Texts in Vietnamese and English kept as catalogs, the shape the roster import's problems began with
// (roster-problems.ts): one object `{ vi: { key: 'sentence' }, en: { key: 'sentence' } }` with i18next's {{name}}
// placeholders, filled from values at the moment of use, numbers written as the language writes them (vi-VN:
// 1.234). Used where the server writes words itself — the import's errors, the PDFs (each module's `pdf-i18n.ts`) —
// so a translator finds every sentence of a surface in one place, as in the web's catalogs. No I/O.

export type TextLang = 'vi' | 'en';

/**
 * A catalog: English must have exactly the Vietnamese keys (the type refuses a missing or an extra one); a test
 * checks that each key's placeholders are the same in both (`catalogMismatches`).
 */
export function textCatalog<const V extends Record<string, string>>(texts: { vi: V; en: { [K in keyof V]: string } }): { vi: V; en: { [K in keyof V]: string } } {
  return texts;
}

export type TextCatalog = { vi: Record<string, string>; en: Record<string, string> };

const numberFormat = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };

/** Fills a template's {{name}} placeholders; undefined when a placeholder has no value. */
export function fillTemplate(template: string, values: Record<string, string | number | undefined>, lang: TextLang): string | undefined {
  let missing = false;
  const out = template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => {
    const v = values[k];
    if (v === undefined || v === '') {
      missing = true;
      return '';
    }
    return typeof v === 'number' ? numberFormat[lang].format(v) : String(v);
  });
  return missing ? undefined : out;
}

/**
 * The words of one catalog in one language: `t(key, values)`. A key is one of the catalog's (the type says so); a
 * placeholder without a value is a mistake of the caller, so it throws rather than print "{{name}}" or nothing.
 */
export function textsIn<C extends TextCatalog>(catalog: C, lang: TextLang) {
  const texts = catalog[lang] as Record<keyof C['vi'], string>;
  const t = (key: keyof C['vi'] & string, values: Record<string, string | number | undefined> = {}): string => {
    const out = fillTemplate(texts[key], values, lang);
    if (out === undefined) throw new Error(`text ${key}: a placeholder has no value`);
    return out;
  };
  /** The words for a value of an enumeration (`status.<value>`), or the value itself when the catalog has none. */
  const of = (prefix: string, value: string): string => (texts as Record<string, string>)[`${prefix}.${value}`] ?? value;
  return { t, of };
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** What differs between the two languages of a catalog: keys only in one, placeholders not the same. Empty when sound. */
export function catalogMismatches(catalog: TextCatalog): string[] {
  const out: string[] = [];
  for (const k of Object.keys(catalog.vi)) if (!(k in catalog.en)) out.push(`${k}: missing in en`);
  for (const k of Object.keys(catalog.en)) if (!(k in catalog.vi)) out.push(`${k}: missing in vi`);
  for (const [k, vi] of Object.entries(catalog.vi)) {
    const en = catalog.en[k];
    if (en === undefined) continue;
    if (placeholders(vi).join() !== placeholders(en).join()) out.push(`${k}: placeholders {${placeholders(vi)}} in vi, {${placeholders(en)}} in en`);
    if (!vi.trim() || !en.trim()) out.push(`${k}: empty`);
  }
  return out;
}
