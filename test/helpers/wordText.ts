/**
 * A text with short-range structure (words from a small vocabulary, drawn by a seeded LCG): a model that learns
 * anything beats its unigram entropy, and only a trained recurrent layer can exploit the structure. Shared by the
 * TKS trainer tests (vanilla, SP/AP, data-parallel).
 */
const WORDS = ['the ', 'cat ', 'sat ', 'on ', 'a ', 'mat ', 'and ', 'dog ', 'ran '];

/** `len` characters of word text from `seed`. */
export function wordText(len: number, seed: number): string {
  let s = '', x = seed;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += WORDS[x % WORDS.length];
  }
  return s.slice(0, len);
}
