import { describe, expect, it } from 'vitest';
import { createTranslator, loadCatalogue } from '../../../i18n/create-translator';
import { LOCALES } from '../../../i18n/locales';
import type { SessionSummary } from '../intake/session-summary';
import { announcementOf, NOTHING_ANNOUNCED, NOTHING_HEARD, type Heard } from './announcement';
import { summarySentence } from './summary-sentence';

/** Two marks in a row (a space between them or not): ".," "。，" ". ." — never right. */
const DOUBLED = /[.。!?！？,，、;；:：]\s*[.。!?！？,，、;；:：]/u;
/** A Chinese full stop or comma followed by a space. */
const SPACED_CJK = /[。，？！]\s/u;

function summaries(): SessionSummary[] {
  const out: SessionSummary[] = [];
  for (const done of [0, 1, 2]) {
    for (const failed of [0, 1, 2]) {
      for (const elapsedMs of [0, 400, 999, 1_000, 65_000, 3_661_000]) {
        out.push({ done, doneBytes: done * 1000, failed, cancelled: 0, rejected: 0, elapsedMs });
      }
    }
  }
  return out;
}

describe('announcements and the closing summary, in every combination', () => {
  it.each(LOCALES)('never double punctuation (%s)', async (locale) => {
    await loadCatalogue(locale);
    const t = createTranslator(locale);
    const finishedSentences = [null, ...summaries().map((s) => summarySentence(s, t))];
    let checked = 0;
    for (const finished of finishedSentences) {
      for (const online of [true, false]) {
        for (const wasOnline of [true, false]) {
          // Each kind of news either came since the last announcement or did not.
          for (let mask = 0; mask < 32; mask++) {
            const came = (bit: number) => ((mask >> bit) & 1) === 1;
            const heard: Heard = {
              added: came(0) ? 2 : 0,
              done: came(1),
              failed: came(2),
              rejected: came(3),
              online,
            };
            const before = { ...NOTHING_ANNOUNCED, online: wasOnline };
            const now = {
              totals: { done: 2, failed: 2, rejected: 2 },
              skipped: came(4) ? 2 : 0,
              finished,
            };
            const { message } = announcementOf(heard, now, before, t);
            expect(message, JSON.stringify({ heard, now })).not.toMatch(DOUBLED);
            if (locale === 'zh-CN') expect(message).not.toMatch(SPACED_CJK);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(finishedSentences.length * 4 * 32);
  });

  it('says a sub-second session took "under a second", in both languages', async () => {
    await loadCatalogue('zh-CN');
    const quick = { done: 1, doneBytes: 1000, failed: 0, cancelled: 0, rejected: 0, elapsedMs: 0 };
    expect(summarySentence(quick, createTranslator('en'))).toBe(
      '1 file (1 kB) arrived and was verified in under a second.',
    );
    expect(summarySentence(quick, createTranslator('zh-CN'))).toBe(
      '1 个文件（1 kB）已到达并通过校验，用时不到 1 秒。',
    );
  });

  it('reads the issue’s case right: a summary, then refusals', async () => {
    const t = createTranslator('en');
    const finished = summarySentence(
      { done: 1, doneBytes: 3, failed: 0, cancelled: 0, rejected: 2, elapsedMs: 0 },
      t,
    );
    const heard = { ...NOTHING_HEARD, added: 3, done: true, rejected: true };
    const now = { totals: { done: 1, failed: 0, rejected: 2 }, skipped: 0, finished };
    expect(announcementOf(heard, now, NOTHING_ANNOUNCED, t).message).toBe(
      '3 files added. 1 file (3 bytes) arrived and was verified in under a second. 2 not accepted.',
    );
  });
});
