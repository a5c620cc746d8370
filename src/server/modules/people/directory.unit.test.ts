// The directory search in Node must answer exactly what the SQL search does (list.ts): every word in the folded
// name, or equal to the card number (upper case) or the CCCD; name order; strictly after the cursor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directoryOf, searchDirectory } from './directory.js';

type Row = [string, string, string | null, string | null, string];
const hex = (n: number) => n.toString(16).padStart(12, '0');
const id = (n: number) => `00000000-0000-4000-8000-${hex(n)}`;

/** The rule as the SQL states it, over rows in any order. */
function model(rows: Row[], words: string[], cursor: [string, string] | null, take: number): string[] {
  return [...rows]
    .sort((a, b) => (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .filter((r) => !cursor || r[4] > cursor[0] || (r[4] === cursor[0] && r[0] > cursor[1]))
    .filter((r) => words.every((w) => r[1].includes(w) || r[2] === w.toUpperCase() || r[3] === w))
    .slice(0, take)
    .map((r) => r[0]);
}

const sorted = (rows: Row[]) => [...rows].sort((a, b) => (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : a[0] < b[0] ? -1 : 1));

describe('searchDirectory', () => {
  const rows: Row[] = sorted([
    [id(1), 'nguyen thi xien', 'HG001', '001190000001', 'Y!0'],
    [id(2), 'tran thi anh', null, null, 'A.X!0'],
    [id(3), 'le van dung', 'HG003', '001190000003', 'F!0'],
    [id(4), 'do thi hoa', 'HG004', null, 'K.F!0'],
  ]);
  const d = directoryOf(['/p/c/'], rows);

  it('matches every word in the folded name, in name order', () => {
    expect(searchDirectory(d, ['thi'], null, 10)).toEqual([id(2), id(4), id(1)]);
    expect(searchDirectory(d, ['thi', 'hoa'], null, 10)).toEqual([id(4)]);
    expect(searchDirectory(d, ['van', 'hoa'], null, 10)).toEqual([]);
  });

  it('finds a party card number typed in lower case, and a CCCD whole', () => {
    expect(searchDirectory(d, ['hg003'], null, 10)).toEqual([id(3)]);
    expect(searchDirectory(d, ['001190000001'], null, 10)).toEqual([id(1)]);
    expect(searchDirectory(d, ['00119000000'], null, 10)).toEqual([]);
  });

  it('pages strictly after the cursor and stops at `take`', () => {
    expect(searchDirectory(d, ['thi'], null, 2)).toEqual([id(2), id(4)]);
    expect(searchDirectory(d, ['thi'], ['K.F!0', id(4)], 2)).toEqual([id(1)]);
  });

  it('answers as the SQL rule does, for any directory, words, cursor and page size', () => {
    const name = fc.array(fc.constantFrom('an', 'anh', 'thi', 'van', 'hoa', 'h', 'xien'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const row = fc.record({
      n: fc.integer({ min: 0, max: 40 }),
      name,
      card: fc.option(fc.constantFrom('HG1', 'HG2', 'AN'), { nil: null }),
      cccd: fc.option(fc.constantFrom('0011', '0012', 'anh'), { nil: null }),
      sort: fc.constantFrom('A!0', 'A.B!1', 'B!0', 'K!2', 'Y.A!0'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.n, maxLength: 30 }),
        fc.array(fc.constantFrom('an', 'thi', 'h', 'hg1', '0011', 'anh', 'zz'), { minLength: 1, maxLength: 2 }),
        fc.option(fc.tuple(fc.constantFrom('A!0', 'B!0', 'K!2', 'Z'), fc.integer({ min: 0, max: 40 }).map(id)), { nil: null }),
        fc.integer({ min: 1, max: 10 }),
        (rs, words, cursor, take) => {
          const all: Row[] = rs.map((r) => [id(r.n), r.name, r.card, r.cccd, r.sort]);
          expect(searchDirectory(directoryOf(['/'], sorted(all)), words, cursor, take)).toEqual(model(all, words, cursor, take));
        },
      ),
    );
  });
});
