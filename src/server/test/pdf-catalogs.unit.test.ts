// The server's PDFs take their words from catalogs beside them (`<module>/…/pdf-i18n.ts`, the shape of
// domain/texts.ts), not from dictionaries inside the code that builds them: every catalog has each key in Vietnamese
// and in English, with the same placeholders, and every PDF builder that prints in two languages reads one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogMismatches, textCatalog, textsIn, type TextCatalog } from '../../domain/texts.js';

const modules = path.resolve(import.meta.dirname, '../modules');
const files = (fs.readdirSync(modules, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
const catalogs = files.filter((f) => f.endsWith('/pdf-i18n.ts'));

describe('the PDFs’ catalogs', () => {
  it('are found beside the dashboard, the case and the roster PDFs', () => {
    expect(catalogs.sort()).toEqual(expect.arrayContaining(['dashboard/pdf-i18n.ts', 'people/roster/pdf-i18n.ts', 'supervision/pdf-i18n.ts']));
  });

  it.each(catalogs)('%s has every key in vi and en, with the same placeholders', async (file) => {
    const { pdfTexts } = (await import(path.join(modules, file))) as { pdfTexts: TextCatalog };
    expect(Object.keys(pdfTexts.vi).length).toBeGreaterThan(0);
    expect(catalogMismatches(pdfTexts)).toEqual([]);
  });

  it('no PDF builder keeps its words in a dictionary of its own', () => {
    // a file that builds a PDF (partyPdf) and speaks of `en` words reads them from its catalog
    const builders = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('pdf-i18n.ts'))
      .map((f) => ({ f, text: fs.readFileSync(path.join(modules, f), 'utf8') }))
      .filter(({ text }) => text.includes('partyPdf('));
    expect(builders.length).toBeGreaterThan(3);
    const inline = builders.filter(({ text }) => /\ben:\s*\{/.test(text) || /\ben: '/.test(text)).map(({ f }) => f);
    expect(inline).toEqual([]);
  });

  it('finds a key missing in one language or a placeholder that differs, and refuses to print a placeholder without its value', () => {
    const bad = { vi: { a: 'Ngày {{date}}', b: 'Có' }, en: { a: 'On {{day}}', c: 'Yes' } };
    expect(catalogMismatches(bad)).toEqual(['b: missing in en', 'c: missing in vi', 'a: placeholders {date} in vi, {day} in en']);
    const good = textCatalog({ vi: { total: 'Tổng số: {{count}} đảng viên', 'sex.male': 'Nam' }, en: { total: 'Total: {{count}} members', 'sex.male': 'Male' } });
    expect(textsIn(good, 'vi').t('total', { count: 12345 })).toBe('Tổng số: 12.345 đảng viên');
    expect(textsIn(good, 'en').t('total', { count: 12345 })).toBe('Total: 12,345 members');
    expect(textsIn(good, 'en').of('sex', 'male')).toBe('Male');
    expect(textsIn(good, 'en').of('sex', 'other')).toBe('other');
    expect(() => textsIn(good, 'vi').t('total')).toThrow(/placeholder/);
  });
});
