/**
 * A new link's settings, checked and explained in one place for every way a link is made:
 * `npm run link` (English), the admin API (English `message`, and `details.issues` for
 * clients) and the /admin page (English and Chinese, from the same issues). A check returns
 * issues, never throws: each names the field, what is wrong with the value, and carries what a
 * sentence needs (the value, a limit, a suggestion). `explainLinkSettingIssue` turns one into
 * that sentence with the words of the surface asking: its field names ("--types",
 * "allowedTypes", "Allowed types"), its examples ("7d", "604800", "7") and its language.
 * No DOM or Node APIs here.
 */
import { checkExactOrigin, ORIGIN_EXAMPLE } from './exact-origin';
import type { LinkSettingProblem } from './link-setting-words-en';
import {
  LINK_ISSUE_PROBLEMS_EN,
  LINK_ISSUE_SUGGESTION_EN,
  LINK_SETTING_PROBLEMS,
} from './link-setting-words-en';

export { LINK_ISSUE_PROBLEMS_EN, LINK_ISSUE_SUGGESTION_EN, LINK_SETTING_PROBLEMS };
export type { LinkSettingProblem };

export const LINK_SETTING_FIELDS = [
  'title',
  'message',
  'expires',
  'maxFileSize',
  'maxTotalBytes',
  'maxFiles',
  'allowedTypes',
  'embedOrigins',
  /** Notification targets (checked by the signer's notifier; the page checks their start). */
  'notify',
] as const;
export type LinkSettingField = (typeof LINK_SETTING_FIELDS)[number];

export const MAX_TITLE_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_ALLOWED_TYPES = 100;
export const MAX_EMBED_ORIGINS = 20;
/** Ten years, in seconds: the longest a link may live. */
export const MAX_EXPIRES_SECONDS = 10 * 366 * 24 * 3600;

/**
 * An allowed type: an extension (`.pdf`, `.tar.gz`), or `type/subtype` / `type/*` (RFC 6838
 * restricted-name characters). The signer's rule for a link's claims (server/links).
 */
export const TYPE_PATTERN =
  /^(?:\.[A-Za-z0-9][A-Za-z0-9._+-]{0,31}|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}\/(?:\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}))$/;

export interface LinkSettingIssue {
  field: LinkSettingField;
  problem: LinkSettingProblem;
  /** The value as given (one entry of a list), for the sentence. */
  value?: string;
  /** The bound broken: characters, entries or days. */
  limit?: number;
  /** What the owner probably meant (`.exe` for `exe`, the origin of a URL with a path). */
  suggestion?: string;
}

/**
 * The settings as any surface has them before a link is made (numbers already read from the
 * text the owner typed; a value that could not be read is passed as that text).
 */
export interface LinkSettingsInput {
  title?: unknown;
  message?: unknown;
  expiresInSeconds?: unknown;
  maxFileSize?: unknown;
  maxTotalBytes?: unknown;
  maxFiles?: unknown;
  allowedTypes?: unknown;
  embedOrigins?: unknown;
}

const shown = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

function checkText(
  field: 'title' | 'message',
  value: unknown,
  max: number,
): LinkSettingIssue | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') return { field, problem: 'not-text', value: shown(value) };
  return value.length > max ? { field, problem: 'too-long', limit: max } : null;
}

/** A count or size limit: absent/null = no limit; 0 is refused (a link that takes nothing). */
function checkLimit(
  field: 'maxFileSize' | 'maxTotalBytes' | 'maxFiles',
  value: unknown,
): LinkSettingIssue | null {
  if (value === undefined || value === null) return null;
  const problem = field === 'maxFiles' ? 'not-a-count' : 'not-a-size';
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return { field, problem, value: shown(value) };
  }
  return value === 0 ? { field, problem: 'zero', value: '0' } : null;
}

function checkExpiry(value: unknown): LinkSettingIssue | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return { field: 'expires', problem: 'not-a-duration', value: shown(value) };
  }
  if (value < 1) return { field: 'expires', problem: 'zero', value: shown(value) };
  if (value > MAX_EXPIRES_SECONDS) {
    return {
      field: 'expires',
      problem: 'too-long-lived',
      limit: Math.floor(MAX_EXPIRES_SECONDS / 86_400),
    };
  }
  return null;
}

/** Why one allowed type is refused, or null when it is fine. */
export function typeIssue(value: string): LinkSettingIssue | null {
  if (TYPE_PATTERN.test(value)) return null;
  const bare = value.trim().replace(/^\*\./, '');
  // "pdf", "exe", "*.jpg": an extension without its dot.
  if (/^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/.test(bare) && !bare.includes('/')) {
    return { field: 'allowedTypes', problem: 'type-no-dot', value, suggestion: `.${bare}` };
  }
  return { field: 'allowedTypes', problem: 'type-invalid', value };
}

/** Why one embed origin is refused, or null when it is fine (protocol/exact-origin.ts). */
export function originIssue(value: string): LinkSettingIssue | null {
  const checked = checkExactOrigin(value);
  if (checked.ok) return null;
  const issue: LinkSettingIssue = {
    field: 'embedOrigins',
    problem: `origin-${checked.problem}` as LinkSettingProblem,
    value,
  };
  const trimmed = value.trim();
  // What was probably meant: the origin of a full URL, or https:// before a bare host.
  let guess: string | null = null;
  if (['path', 'query', 'fragment'].includes(checked.problem)) {
    try {
      guess = new URL(trimmed).origin;
    } catch {
      guess = null;
    }
  } else if (checked.problem === 'not-a-url' && !trimmed.includes('://')) {
    guess = `https://${trimmed.replace(/\/+$/, '')}`;
  }
  if (guess) {
    const again = checkExactOrigin(guess);
    if (again.ok) issue.suggestion = again.origin;
  }
  return issue;
}

function checkList(
  field: 'allowedTypes' | 'embedOrigins',
  value: unknown,
  max: number,
  each: (entry: string) => LinkSettingIssue | null,
): LinkSettingIssue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    return [
      field === 'allowedTypes'
        ? { field, problem: 'type-invalid', value: shown(value) }
        : { field, problem: 'origin-not-a-url', value: shown(value) },
    ];
  }
  const issues: LinkSettingIssue[] = [];
  if (value.length > max) issues.push({ field, problem: 'too-many', limit: max });
  for (const entry of value) {
    const issue = typeof entry === 'string' ? each(entry) : each(shown(entry));
    if (issue) issues.push(issue);
  }
  return issues;
}

/** Every issue of a new link's settings, in the order of LINK_SETTING_FIELDS; none = fine. */
export function checkLinkSettings(input: LinkSettingsInput): LinkSettingIssue[] {
  const issues = [
    checkText('title', input.title, MAX_TITLE_LENGTH),
    checkText('message', input.message, MAX_MESSAGE_LENGTH),
    checkExpiry(input.expiresInSeconds),
    checkLimit('maxFileSize', input.maxFileSize),
    checkLimit('maxTotalBytes', input.maxTotalBytes),
    checkLimit('maxFiles', input.maxFiles),
    ...checkList('allowedTypes', input.allowedTypes, MAX_ALLOWED_TYPES, typeIssue),
    ...checkList('embedOrigins', input.embedOrigins, MAX_EMBED_ORIGINS, originIssue),
  ];
  return issues.filter((i): i is LinkSettingIssue => i !== null);
}

/** The words one surface explains issues with. `{field}`, `{value}`, … are filled in. */
export interface LinkIssueWords {
  fields: Record<LinkSettingField, string>;
  /** A valid value for each field, as that surface takes it. */
  examples: Record<LinkSettingField, string>;
  problems: Record<LinkSettingProblem, string>;
  /** Appended (as it is) when the issue has a suggestion: " Did you mean {suggestion}?" */
  suggestion: string;
  /** Numbers in the surface's language (limits). */
  number?: (value: number) => string;
}

/** One issue in a sentence, with the surface's words. */
export function explainLinkSettingIssue(issue: LinkSettingIssue, words: LinkIssueWords): string {
  const number = words.number ?? ((n: number) => String(n));
  const values: Record<string, string> = {
    field: words.fields[issue.field],
    example: words.examples[issue.field],
    value: issue.value ?? '',
    limit: issue.limit === undefined ? '' : number(issue.limit),
    suggestion: issue.suggestion ?? '',
  };
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const sentence = fill(words.problems[issue.problem]);
  return issue.suggestion ? `${sentence}${fill(words.suggestion)}` : sentence;
}

/** The admin API's words: JSON field names, values as the API takes them. */
export const LINK_ISSUE_WORDS_API: LinkIssueWords = {
  fields: {
    title: 'title',
    message: 'message',
    expires: 'expiresInSeconds',
    maxFileSize: 'maxFileSize',
    maxTotalBytes: 'maxTotalBytes',
    maxFiles: 'maxFiles',
    allowedTypes: 'allowedTypes',
    embedOrigins: 'embedOrigins',
    notify: 'notify',
  },
  examples: {
    title: '"Grant application"',
    message: '"Please send your scans."',
    expires: '604800 (7 days)',
    maxFileSize: '500000000 (500 MB)',
    maxTotalBytes: '2000000000 (2 GB)',
    maxFiles: '20',
    allowedTypes: '[".pdf", "image/*"]',
    embedOrigins: `["${ORIGIN_EXAMPLE}"]`,
    notify: '["mailto:you@example.com"]',
  },
  problems: LINK_ISSUE_PROBLEMS_EN,
  suggestion: LINK_ISSUE_SUGGESTION_EN,
};

/** `npm run link`'s words: option names, values as typed on the command line. */
export const LINK_ISSUE_WORDS_CLI: LinkIssueWords = {
  fields: {
    title: '--title',
    message: '--message',
    expires: '--expires',
    maxFileSize: '--max-file-size',
    maxTotalBytes: '--max-total',
    maxFiles: '--max-files',
    allowedTypes: '--types',
    embedOrigins: '--embed-origins',
    notify: '--notify',
  },
  examples: {
    title: '--title "Grant application"',
    message: '--message "Please send your scans."',
    expires: '30m, 12h or 7d',
    maxFileSize: '500MB or 2GB',
    maxTotalBytes: '10GB',
    maxFiles: '20',
    allowedTypes: '--types ".pdf,image/*"',
    embedOrigins: `--embed-origins ${ORIGIN_EXAMPLE}`,
    notify: '--notify mailto:you@example.com',
  },
  problems: LINK_ISSUE_PROBLEMS_EN,
  suggestion: LINK_ISSUE_SUGGESTION_EN,
};

export function explainLinkSettingIssues(
  issues: readonly LinkSettingIssue[],
  words: LinkIssueWords,
): string {
  return issues.map((issue) => explainLinkSettingIssue(issue, words)).join('\n');
}
