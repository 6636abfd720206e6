import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES, SERVER_ERROR_CODES } from '../../protocol/error-codes';
import { catalogueEn } from './catalogue-en';
import { catalogueZhCn } from './catalogue-zh-cn';
import { placeholdersOf } from './interpolate';
import './catalogue-en-submissions';

type Entry = string | { one: string; other: string };

/** Every string of a catalogue as [path, text] pairs. */
function flatten(catalogue: {
  messages: Record<string, Entry>;
  errors: Record<string, { what: string; todo: string }>;
}): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, entry] of Object.entries(catalogue.messages)) {
    if (typeof entry === 'string') out.set(key, entry);
    else for (const [form, text] of Object.entries(entry)) out.set(`${key}#${form}`, text);
  }
  for (const [code, text] of Object.entries(catalogue.errors)) {
    out.set(`error:${code}#what`, text.what);
    out.set(`error:${code}#todo`, text.todo);
  }
  return out;
}

// Words that are the same in both languages: product and format names, and separators.
const SHARED_TOKENS =
  /\b(PDF|JSON|ID|URL|COS|CRC64|ETag)\b|\{\w+\}|[\s.,:;!?…—()/，。：；！？、（）“”-]/g;

const en = flatten(catalogueEn);
const zh = flatten(catalogueZhCn);

describe('catalogues', () => {
  it('zh-CN has exactly the keys of en', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('has words for every server and client error code, and a fallback, in both languages', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES, 'unknown']) {
      for (const catalogue of [en, zh]) {
        expect(catalogue.get(`error:${code}#what`)?.trim(), code).toBeTruthy();
        expect(catalogue.get(`error:${code}#todo`)?.trim(), code).toBeTruthy();
      }
    }
  });

  it('translates every string: nothing in zh-CN is left as the English text', () => {
    const untranslated = [...en].filter(([key, text]) => {
      const chinese = zh.get(key)!;
      return chinese === text && chinese.replace(SHARED_TOKENS, '') !== '';
    });
    expect(untranslated).toEqual([]);
  });

  it('writes zh-CN in Chinese characters wherever there are words', () => {
    const notChinese = [...zh].filter(
      ([, text]) => text.replace(SHARED_TOKENS, '') !== '' && !/[\u4e00-\u9fff]/.test(text),
    );
    expect(notChinese).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...en].filter(
      ([key, text]) => placeholdersOf(text).join() !== placeholdersOf(zh.get(key)!).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const catalogue of [en, zh]) {
      const empty = [...catalogue].filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });
});
