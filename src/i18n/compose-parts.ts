import type { Locale } from './locales';

/**
 * How each language punctuates: what separates clauses, what ends a sentence and what goes
 * between two sentences. Chinese puts no space after its full stop; English does.
 */
const PUNCTUATION: Record<Locale, { clause: string; end: string; between: string }> = {
  en: { clause: ', ', end: '.', between: ' ' },
  'zh-CN': { clause: '，', end: '。', between: '' },
};

/** A sentence ends here (closing quotes and brackets may follow the mark). */
const ENDS_SENTENCE = /[.!?。！？…][”’"')）」』]*$/u;
/** Punctuation that only joins: it must never meet the separator added after it. */
const TRAILING_JOINER = /[\s,，、;；:：]+$/u;

/**
 * One sentence (or clause run) from parts that each come from the catalogue, some of them whole
 * sentences ("3 files arrived in 2 seconds."), some clauses ("2 failed"). Composition never
 * doubles punctuation ("seconds., 2 failed" / "秒钟。，2 个"):
 * - parts that are all clauses are joined as a list: "2 files added, 1 failed";
 * - once any part is a sentence, runs of clauses between sentences become sentences of their
 *   own (joined as a list, given the language's full stop), and sentences follow each other
 *   with the language's spacing: "Offline. 2 files added, 1 failed."
 * Empty parts are left out.
 */
export function composeParts(parts: readonly string[], locale: Locale): string {
  const marks = PUNCTUATION[locale];
  const pieces = parts
    .map((part) => part.trim().replace(TRAILING_JOINER, ''))
    .filter((part) => part !== '');
  if (!pieces.some((part) => ENDS_SENTENCE.test(part))) return pieces.join(marks.clause);

  const sentences: string[] = [];
  let clauses: string[] = [];
  const closeClauses = () => {
    if (clauses.length > 0) sentences.push(clauses.join(marks.clause) + marks.end);
    clauses = [];
  };
  for (const piece of pieces) {
    if (ENDS_SENTENCE.test(piece)) {
      closeClauses();
      sentences.push(piece);
    } else {
      clauses.push(piece);
    }
  }
  closeClauses();
  return sentences.join(marks.between);
}
