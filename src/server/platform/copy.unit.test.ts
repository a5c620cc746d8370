import { describe, expect, it } from 'vitest';
import { copyField, copyLines, copyValue } from './copy.js';

/** PostgreSQL's reading of a COPY text field (the inverse of the escaping), for round trips. */
function unescape(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c);
}

describe('COPY text', () => {
  it('writes NULL as \\N and escapes backslash, tab and line breaks so a field stays one field', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(42)).toBe('42');
    expect(copyField('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    const nasty = 'a\tb\nc\r\\N\\';
    expect(copyField(nasty)).toBe('a\\tb\\nc\\r\\\\N\\\\');
    expect(copyField(nasty)).not.toMatch(/[\t\n\r]/);
    expect(unescape(copyField(nasty))).toBe(nasty);
    expect(unescape(copyField('\\N'))).toBe('\\N'); // the text "\N" is not NULL
  });

  it('writes the values of insert objects: arrays as quoted literals, dates in ISO, objects as JSON', () => {
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(['secretary', null, 'say "hi"\\'])).toBe('{"secretary",NULL,"say \\\\"hi\\\\"\\\\\\\\"}');
    expect(copyValue(new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-02T00:00:00.000Z');
    expect(unescape(copyValue({ note: 'dòng 1\ndòng 2' }))).toBe('{"note":"dòng 1\\ndòng 2"}');
    expect(copyValue(true)).toBe('true');
  });

  it('joins rows into lines, 500 rows a chunk, every line ended', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => [i, `x\t${i}`, null]);
    const chunks = [...copyLines(rows)];
    expect(chunks).toHaveLength(3);
    const lines = chunks.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1001);
    expect(lines[7].split('\t').map(unescape)).toEqual(['7', 'x\t7', null]);
  });
});
