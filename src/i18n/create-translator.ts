import { catalogueEn, type Catalogue, type ErrorKey, type ErrorText } from './catalogue-en';
import type { PlainKey, PluralKey } from './catalogue-en';
import { humanDurationParts } from '../../protocol/human-duration';
import { createByteFormatter } from './format-bytes';
import { interpolate, type Params } from './interpolate';
import type { Locale } from './locales';

/**
 * English ships with the page; every other language is its own chunk, fetched only by those
 * who read it (issue 7's size budget). `loadCatalogue` must have finished before
 * `createTranslator` is asked for that language.
 */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Catalogue>> = {
  'zh-CN': () => import('./catalogue-zh-cn').then((m) => m.catalogueZhCn),
};
const loaded: Partial<Record<Locale, Catalogue>> = { en: catalogueEn };
const loading = new Map<Locale, Promise<void>>();

export function hasCatalogue(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/** Fetches a language's words once; a failed fetch may be tried again. */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (locale === 'en' || loaded[locale]) return Promise.resolve();
  let promise = loading.get(locale);
  if (!promise) {
    promise = LOADERS[locale]().then(
      (catalogue) => {
        loaded[locale] = catalogue;
      },
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, promise);
  }
  return promise;
}

/** Words and formats for one locale. Pure: usable in React, tests and error screens alike. */
export interface Translator {
  readonly locale: Locale;
  t(key: PlainKey, params?: Params): string;
  /** Picks the plural form for `count` with Intl.PluralRules; `{count}` is filled in. */
  plural(key: PluralKey, count: number, params?: Params): string;
  /** Words for an error code; anything unknown gets the `unknown` text, never raw input. */
  error(code: string | null | undefined): ErrorText;
  number(value: number): string;
  bytes(bytes: number): string;
  speed(bytesPerSecond: number): string;
  /** 0..1 → "42%". */
  percent(ratio: number): string;
  /** A countdown clock: "4:05", "1:02:03". */
  clock(ms: number): string;
  /**
   * A span for people, rounded as they read it (protocol/human-duration.ts): the clock below a
   * day, then "2 days, 23 hours" / "3 days" to the nearest hour, then days.
   */
  duration(ms: number): string;
  /** How long something took, in words: "3 minutes, 12 seconds", "3分钟12秒钟", "under a second". */
  elapsed(ms: number): string;
  dateTime(epochMs: number): string;
  list(items: readonly string[], type: 'conjunction' | 'disjunction'): string;
}

export function isErrorKey(code: unknown): code is ErrorKey {
  return typeof code === 'string' && Object.hasOwn(catalogueEn.errors, code);
}

// Intl objects are costly to build and 10,000 rows format numbers on every tick: one
// translator per locale, created once.
const cache = new Map<Locale, Translator>();

export function createTranslator(locale: Locale): Translator {
  const cached = cache.get(locale);
  if (cached) return cached;

  const catalogue = loaded[locale];
  // Not fetched (yet): English words with the locale's formats, and not remembered, so the
  // real words are used as soon as they are there. The portal itself never gets here.
  if (!catalogue) return buildTranslator(locale, catalogueEn);
  const translator = buildTranslator(locale, catalogue);
  cache.set(locale, translator);
  return translator;
}

function buildTranslator(locale: Locale, catalogue: Catalogue): Translator {
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent' });
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  const pluralRules = new Intl.PluralRules(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const lists = {
    conjunction: new Intl.ListFormat(locale, { type: 'conjunction' }),
    disjunction: new Intl.ListFormat(locale, { type: 'disjunction' }),
  };
  const byteFormat = createByteFormatter(locale);
  const unitFormat = (unit: 'day' | 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
  const elapsedUnits = {
    day: unitFormat('day'),
    hour: unitFormat('hour'),
    minute: unitFormat('minute'),
    second: unitFormat('second'),
  };
  const unitList = new Intl.ListFormat(locale, { type: 'unit', style: 'long' });
  const number = (value: number) => numberFormat.format(value);

  const translator: Translator = {
    locale,
    // A word of a chunk not loaded yet (catalogue-en-submissions.ts) shows as its key, never
    // as a crash; the components that use those words import that chunk themselves.
    t: (key, params) => interpolate(catalogue.messages[key] ?? key, params, number),
    plural(key, count, params) {
      const forms = catalogue.messages[key] ?? { one: key, other: key };
      const category = pluralRules.select(count);
      const template = category === 'one' ? forms.one : forms.other;
      return interpolate(template, { count, ...params }, number);
    },
    error: (code) => catalogue.errors[isErrorKey(code) ? code : 'unknown'],
    number,
    bytes: byteFormat.bytes,
    speed: byteFormat.speed,
    percent: (ratio) => percentFormat.format(Math.min(1, Math.max(0, ratio))),
    clock(ms) {
      const total = Math.max(0, Math.ceil(ms / 1000));
      const hours = Math.floor(total / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = total % 60;
      return hours > 0
        ? `${number(hours)}:${twoDigits.format(minutes)}:${twoDigits.format(seconds)}`
        : `${number(minutes)}:${twoDigits.format(seconds)}`;
    },
    duration(ms) {
      const parts = humanDurationParts(ms);
      if (!parts) return translator.clock(ms);
      const words = [elapsedUnits.day.format(parts.days)];
      if (parts.hours > 0) words.push(elapsedUnits.hour.format(parts.hours));
      return unitList.format(words);
    },
    elapsed(ms) {
      // "0 seconds" reads as if nothing happened; a quick job took "under a second".
      if (ms < 1000) return catalogue.messages['elapsed.underSecond'];
      const total = Math.max(0, Math.round(ms / 1000));
      const hours = Math.floor(total / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = total % 60;
      const parts: string[] = [];
      if (hours > 0) parts.push(elapsedUnits.hour.format(hours));
      if (minutes > 0) parts.push(elapsedUnits.minute.format(minutes));
      // Seconds stop mattering once a job took hours.
      if ((seconds > 0 && hours === 0) || parts.length === 0) {
        parts.push(elapsedUnits.second.format(seconds));
      }
      return unitList.format(parts);
    },
    dateTime: (epochMs) => dateFormat.format(epochMs),
    list: (items, type) => lists[type].format(items),
  };
  return translator;
}
