// Numbers in translated sentences are written as people read them: "128.555 đảng viên" in Vietnamese, "128,555" in
// English — whatever the catalog says, without a `{{count, number}}` in each entry. Values that are labels, not
// amounts (a year, a row of a file, a document number), are left as they are.
import type { FormatterModule } from 'i18next';

const LABELS = new Set(['year', 'row', 'number', 'code', 'id', 'seq', 'quarter', 'month', 'n']);
const formats = new Map<string, Intl.NumberFormat>();
const numberFormat = (lng: string) => {
  const locale = lng === 'en' ? 'en-US' : 'vi-VN';
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f;
};

export const amountFormatter: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  // i18next types the answer as a string; other values (names, dates) go back untouched, as the built-in one does.
  format: (value, format, lng, options) =>
    typeof value === 'number' && Number.isFinite(value) && !format && !LABELS.has(String(options?.interpolationkey ?? '')) ? numberFormat(lng ?? 'vi').format(value) : value,
};
