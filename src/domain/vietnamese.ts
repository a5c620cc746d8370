// Vietnamese text helpers: diacritic-insensitive search, name splitting and sort keys.
// Sort keys are plain ASCII so the database can order by them with COLLATE "C" and get the
// same order as JS `<` — no ICU collation needed on either side.

/** Lowercase, strip every diacritic (đ→d too) and collapse whitespace, for search. */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD') // accepts NFC and NFD input alike: marks become separate code points
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd') // đ has no decomposition, so it survives NFD
    .replace(/\s+/g, ' ')
    .trim();
}

function words(s: string): string[] {
  const t = s.normalize('NFC').trim();
  return t === '' ? [] : t.split(/\s+/);
}

export interface VietnameseName {
  family: string;
  middle: string;
  given: string;
}

/** "Family Middle… Given"; a single word is taken as the given name. */
export function splitVietnameseName(fullName: string): VietnameseName {
  const w = words(fullName);
  if (w.length === 0) return { family: '', middle: '', given: '' };
  if (w.length === 1) return { family: '', middle: '', given: w[0] };
  return { family: w[0], middle: w.slice(1, -1).join(' '), given: w[w.length - 1] };
}

// Vietnamese alphabet, with f j w z in their Latin places so foreign names still sort sensibly.
const ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'];
// Key characters for the 33 letters: 'A'..'Z' then 'a'..'g' — strictly increasing and free of
// quotes and backslashes, so keys are safe to store and print anywhere.
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg';
const LETTER_KEY = new Map(ALPHABET.map((l, i) => [l, KEY_CHARS[i]]));

// In the key layout  word1 SEP word2 … END tones, END < SEP < digits < letter keys, so a key that
// runs out of letters first (An vs Anh, Thị vs Thị Ngọc) sorts first, and tones only decide
// once every letter is equal.
const END = '!';
const SEP = '.';

// A base letter plus a combining mark that makes it a different letter (part of the primary key)…
const MODIFIED: Record<string, string> = {
  'a\u0306': 'ă', 'a\u0302': 'â', 'e\u0302': 'ê', 'o\u0302': 'ô', 'o\u031B': 'ơ', 'u\u031B': 'ư',
};
// …and tone marks, in dictionary order: ngang (none)=0, huyền, hỏi, ngã, sắc, nặng.
const TONES: Record<string, string> = { '\u0300': '1', '\u0309': '2', '\u0303': '3', '\u0301': '4', '\u0323': '5' };

/** Primary key (letters only) and tone digit of one word. */
function wordKey(word: string): { primary: string; tone: string } {
  let primary = '';
  let tone = '0';
  let letter = ''; // letter being built from a base character plus following marks
  const flush = () => {
    primary += LETTER_KEY.get(letter) ?? (/^[0-9]$/.test(letter) ? letter : '');
    letter = '';
  };
  for (const ch of word.normalize('NFD').toLowerCase()) {
    if (/\p{M}/u.test(ch)) {
      // Tone and letter marks are handled independently: NFD may put the tone first (ộ = o, U+0323, U+0302).
      if (ch in TONES) {
        if (tone === '0') tone = TONES[ch]; // a syllable has one tone; ignore stray extras
      } else {
        // other marks (e.g. ö, ç in foreign names) are dropped: the base letter sorts as itself
        letter = MODIFIED[letter + ch] ?? letter;
      }
    } else {
      flush();
      letter = ch; // punctuation and non-Latin characters fall out in flush()
    }
  }
  flush();
  return { primary, tone };
}

function keyOfWords(ws: string[]): string {
  const keys = ws.map(wordKey);
  return keys.map((k) => k.primary).join(SEP) + END + keys.map((k) => k.tone).join('');
}

/**
 * ASCII key whose code-point order is Vietnamese alphabetical order, case-insensitive,
 * with tones (ngang, huyền, hỏi, ngã, sắc, nặng) as a secondary key.
 */
export function vietnameseCollationKey(word: string): string {
  return keyOfWords(words(word));
}

/**
 * Key for people lists: given name, then family, then middle name(s), then tones in the same
 * order (so "Lê Anh" < "Lê Ánh"). The tones come last so they only break ties of equal letters.
 */
export function nameSortKey(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(fullName);
  return keyOfWords([given, family, ...words(middle)].filter((w) => w !== ''));
}

export function compareVietnameseNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** True when every word of the query occurs in the haystack, ignoring case and diacritics. */
export function matchesSearch(haystack: string, query: string): boolean {
  const h = foldDiacritics(haystack);
  return foldDiacritics(query).split(' ').every((w) => h.includes(w));
}

/** Unit names ("Thôn 2" before "Thôn 10") in Vietnamese order; one shared collator, as building one is costly. */
const unitCollator = new Intl.Collator('vi', { numeric: true });
export const compareUnitNames = (a: { name: string }, b: { name: string }) => unitCollator.compare(a.name, b.name);
