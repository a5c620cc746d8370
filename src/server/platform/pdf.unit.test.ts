import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { partyDocumentDefinition, partyPdf, placeOf } from './pdf.js';

const doc = {
  issuer: 'Đảng ủy xã Minh Quang',
  unitName: 'Chi bộ thôn Nà Héc',
  place: placeOf('Đảng ủy xã Minh Quang'),
  date: '2025-12-05',
  title: 'BẢN KIỂM ĐIỂM CÁ NHÂN 2025',
  formLabel: 'Mẫu 2A',
  content: [{ text: 'Họ và tên: Nguyễn Thị Ánh' }],
};

describe('Party documents (PDF)', () => {
  it('derives the place of the dated line from a commune name', () => {
    const places = { 'Đảng ủy xã Minh Quang': 'Minh Quang', 'Đảng bộ phường Hà Giang 1': 'Hà Giang 1', 'Đảng ủy đặc khu Vân Đồn': 'Vân Đồn' };
    for (const [commune, place] of Object.entries(places)) expect(placeOf(commune)).toBe(place);
  });

  it('puts the Party header above the body: issuer and unit, the Party name and the dated place line', () => {
    const def = partyDocumentDefinition(doc);
    const text = JSON.stringify(def.content);
    expect(def.content[0]).toMatchObject({ text: 'Mẫu 2A' });
    for (const t of ['ĐẢNG ỦY XÃ MINH QUANG', 'CHI BỘ THÔN NÀ HÉC', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Minh Quang, ngày 05 tháng 12 năm 2025'])
      expect(text).toContain(t);
    expect(def.content.at(-1)).toEqual({ text: 'Họ và tên: Nguyễn Thị Ánh' });
    expect(def.defaultStyle.font).toBe('Roboto');
  });

  it('renders an A4 PDF with the Roboto font embedded, so Vietnamese letters have their glyphs', async () => {
    const pdf = await partyPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+Roboto-Regular/);
    expect(raw).toMatch(/\/FontFile2/); // embedded, not a standard 14 font without Vietnamese letters
    // The embedded font's Unicode map covers the letters of the header ("Đ" U+0110, "Ộ" U+1ED8).
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const cmap = streams.filter((s) => s.includes('beginbfrange') || s.includes('beginbfchar')).join('\n');
    expect(cmap).toMatch(/<0110>/i);
    expect(cmap).toMatch(/<1ED8>/i);
  });
});
