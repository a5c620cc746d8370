import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  compareVietnameseNames,
  foldDiacritics,
  matchesSearch,
  nameSortKey,
  splitVietnameseName,
  vietnameseCollationKey,
} from './vietnamese.js';

const sign = (n: number) => Math.sign(n) + 0; // +0 turns -0 into 0 for toBe
const cmpKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortWords = (ws: string[]) =>
  [...ws].sort((a, b) => cmpKeys(vietnameseCollationKey(a), vietnameseCollationKey(b)));

describe('foldDiacritics', () => {
  it('lowercases and strips all Vietnamese marks', () => {
    expect(foldDiacritics('Nguyễn Thị Xiến')).toBe('nguyen thi xien');
    expect(foldDiacritics('ĐỖ VĂN ĐỨC')).toBe('do van duc');
    expect(foldDiacritics('đường Ưng Ơn Ộ Ặ')).toBe('duong ung on o a');
  });

  it('treats NFD input like NFC', () => {
    const nfd = 'Nguyễn Thị Xiến Đặng Ngọc'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(foldDiacritics(nfd)).toBe('nguyen thi xien dang ngoc');
  });

  it('normalizes whitespace', () => {
    expect(foldDiacritics('  Trần \t Thị\n An  ')).toBe('tran thi an');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const once = foldDiacritics(s);
      expect(foldDiacritics(once)).toBe(once);
    }));
  });
});

describe('splitVietnameseName', () => {
  it('splits family, middle and given', () => {
    expect(splitVietnameseName('Nguyễn Thị Xiến')).toEqual({ family: 'Nguyễn', middle: 'Thị', given: 'Xiến' });
    expect(splitVietnameseName(' Tôn Nữ Thị  Ngọc Lan ')).toEqual({ family: 'Tôn', middle: 'Nữ Thị Ngọc', given: 'Lan' });
    expect(splitVietnameseName('Lê Anh')).toEqual({ family: 'Lê', middle: '', given: 'Anh' });
    expect(splitVietnameseName('Anh')).toEqual({ family: '', middle: '', given: 'Anh' });
    expect(splitVietnameseName('  ')).toEqual({ family: '', middle: '', given: '' });
  });
});

describe('vietnameseCollationKey', () => {
  it('orders letters in the Vietnamese alphabet', () => {
    expect(sortWords(['ân', 'an', 'ăn'])).toEqual(['an', 'ăn', 'ân']);
    expect(sortWords(['đa', 'da', 'e'])).toEqual(['da', 'đa', 'e']);
    expect(sortWords(['ưa', 'va', 'ua'])).toEqual(['ua', 'ưa', 'va']);
    expect(sortWords(['ơn', 'ôn', 'on', 'pa'])).toEqual(['on', 'ôn', 'ơn', 'pa']);
    expect(sortWords(['ba', 'ây', 'az'])).toEqual(['az', 'ây', 'ba']); // letters decide before length
  });

  it('uses tone only when letters are equal, in order ngang huyền hỏi ngã sắc nặng', () => {
    expect(sortWords(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
    expect(sortWords(['án', 'anh'])).toEqual(['án', 'anh']); // shorter word first despite its tone
    expect(sortWords(['ảb', 'ac'])).toEqual(['ảb', 'ac']);
  });

  it('is case-insensitive and ignores Unicode normalization form', () => {
    expect(vietnameseCollationKey('ĐỨC')).toBe(vietnameseCollationKey('đức'));
    expect(vietnameseCollationKey('Nguyễn'.normalize('NFD'))).toBe(vietnameseCollationKey('nguyễn'));
  });

  it('is printable ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(vietnameseCollationKey(s)).toMatch(/^[\x20-\x7e]*$/);
    }));
  });

  // Reference comparator written independently of the key: letter by letter, then tones.
  const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
  const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const syllable = fc.record({
    letters: fc.array(fc.integer({ min: 0, max: ALPHABET.length - 1 }), { minLength: 1, maxLength: 4 }),
    tone: fc.integer({ min: 0, max: 5 }),
    upper: fc.boolean(),
  });
  const render = (s: { letters: number[]; tone: number; upper: boolean }) => {
    const w = (ALPHABET[s.letters[0]] + TONE_MARKS[s.tone] + s.letters.slice(1).map((i) => ALPHABET[i]).join(''))
      .normalize('NFC');
    return s.upper ? w.toUpperCase() : w;
  };
  const reference = (a: { letters: number[]; tone: number }, b: { letters: number[]; tone: number }) => {
    for (let i = 0; i < Math.min(a.letters.length, b.letters.length); i++) {
      if (a.letters[i] !== b.letters[i]) return a.letters[i] - b.letters[i];
    }
    return a.letters.length - b.letters.length || a.tone - b.tone;
  };

  it('key order equals Vietnamese dictionary order', () => {
    fc.assert(fc.property(syllable, syllable, (a, b) => {
      expect(sign(cmpKeys(vietnameseCollationKey(render(a)), vietnameseCollationKey(render(b)))))
        .toBe(sign(reference(a, b)));
    }), { numRuns: 2000 });
  });
});

describe('names', () => {
  it('sorts people by given name, then family, then middle', () => {
    const names = ['Nguyễn Văn Bình', 'Trần Thị An', 'Lê Ánh', 'Lê Anh', 'Đỗ Văn Đức', 'Nguyễn Thị Xiến', 'Phạm Văn Dũng'];
    expect([...names].sort(compareVietnameseNames)).toEqual(
      ['Trần Thị An', 'Lê Anh', 'Lê Ánh', 'Nguyễn Văn Bình', 'Phạm Văn Dũng', 'Đỗ Văn Đức', 'Nguyễn Thị Xiến']);
  });

  it('breaks given-name ties by family, then middle', () => {
    const names = ['Trần Văn An', 'Lê Văn An', 'Lê An', 'Lê Thị Ngọc An', 'Lê Thị An', 'An'];
    expect([...names].sort(compareVietnameseNames)).toEqual(
      ['An', 'Lê An', 'Lê Thị An', 'Lê Thị Ngọc An', 'Lê Văn An', 'Trần Văn An']);
  });

  it('lets letters anywhere in the name beat any tone difference', () => {
    expect(compareVietnameseNames('Lễ Văn An', 'Lê Vân An')).toBeLessThan(0); // ă < â outweighs ễ > ê
    expect(compareVietnameseNames('Lê Bá Anh', 'Lê Ba Anh')).toBeGreaterThan(0); // only tones differ
  });

  it('is case- and normalization-insensitive', () => {
    expect(compareVietnameseNames('NGUYỄN THỊ XIẾN', 'nguyễn thị xiến'.normalize('NFD'))).toBe(0);
  });

  const name = fc.array(
    fc.constantFrom('Nguyễn', 'Nguyên', 'Lê', 'Lễ', 'Thị', 'Văn', 'An', 'Ân', 'Anh', 'Ánh', 'Đức', 'Dực', 'Ư', 'U', 'Ơn', 'On'),
    { minLength: 0, maxLength: 4 },
  ).map((ws) => ws.join(' '));

  it('comparator is antisymmetric and agrees with key order', () => {
    fc.assert(fc.property(name, name, (a, b) => {
      const c = compareVietnameseNames(a, b);
      expect(sign(compareVietnameseNames(b, a))).toBe(sign(-c));
      expect(sign(c)).toBe(sign(cmpKeys(nameSortKey(a), nameSortKey(b))));
    }), { numRuns: 1000 });
  });

  it('comparator is transitive: a sorted list is ordered pairwise', () => {
    fc.assert(fc.property(fc.array(name, { maxLength: 12 }), (names) => {
      const sorted = [...names].sort(compareVietnameseNames);
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) {
          expect(compareVietnameseNames(sorted[i], sorted[j])).toBeLessThanOrEqual(0);
        }
      }
    }), { numRuns: 300 });
  });

  it('name keys are printable ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(nameSortKey(s)).toMatch(/^[\x20-\x7e]*$/);
    }));
  });
});

describe('matchesSearch', () => {
  it('ignores diacritics, case and word order', () => {
    expect(matchesSearch('Nguyễn Thị Xiến', 'nguyen thi xien')).toBe(true);
    expect(matchesSearch('Nguyễn Thị Xiến', 'XIEN  nguyễn')).toBe(true);
    expect(matchesSearch('Đỗ Văn Đức', 'duc')).toBe(true);
    expect(matchesSearch('Nguyễn Thị Xiến'.normalize('NFD'), 'xiến')).toBe(true);
    expect(matchesSearch('Nguyễn Thị Xiến', 'xuan')).toBe(false);
    expect(matchesSearch('Nguyễn Thị Xiến', '')).toBe(true);
  });
});
