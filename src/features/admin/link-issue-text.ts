import { ORIGIN_EXAMPLE } from '../../../protocol/exact-origin';
import type { LinkIssueWords, LinkSettingIssue } from '../../../protocol/link-settings';
import {
  explainLinkSettingIssue,
  LINK_SETTING_FIELDS,
  LINK_SETTING_PROBLEMS,
} from '../../../protocol/link-settings';
import type { Translator } from '../../i18n/create-translator';
import { isSignerError } from '../../lib/api-client';

/**
 * A link setting's issue in the page's language: the shared explanation
 * (protocol/link-settings.ts) with the catalogue's field names, examples and sentences, so the
 * admin page says what the CLI and the API say, in English or Chinese.
 */
/** Valid values as the form takes them: the same in every language. */
const EXAMPLES: LinkIssueWords['examples'] = {
  // Text fields only ever break a length limit, which needs no example.
  title: '',
  message: '',
  expires: '7',
  maxFileSize: '500 MB',
  maxTotalBytes: '2 GB',
  maxFiles: '20',
  allowedTypes: '.pdf, image/*',
  embedOrigins: ORIGIN_EXAMPLE,
  notify: 'mailto:you@example.com',
};

export function linkIssueWords(t: Translator): LinkIssueWords {
  const fields = {} as LinkIssueWords['fields'];
  for (const field of LINK_SETTING_FIELDS) fields[field] = t.t(`admin.issue.field.${field}`);
  const problems = {} as LinkIssueWords['problems'];
  for (const problem of LINK_SETTING_PROBLEMS) problems[problem] = t.t(`admin.issue.${problem}`);
  return {
    fields,
    examples: EXAMPLES,
    problems,
    suggestion: t.t('admin.issue.suggestion'),
    number: t.number,
  };
}

export function linkIssueText(issue: LinkSettingIssue, t: Translator): string {
  return explainLinkSettingIssue(issue, linkIssueWords(t));
}

function isIssue(value: unknown): value is LinkSettingIssue {
  const v = value as Partial<LinkSettingIssue> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (LINK_SETTING_FIELDS as readonly unknown[]).includes(v.field) &&
    (LINK_SETTING_PROBLEMS as readonly unknown[]).includes(v.problem) &&
    (v.value === undefined || typeof v.value === 'string') &&
    (v.limit === undefined || typeof v.limit === 'number') &&
    (v.suggestion === undefined || typeof v.suggestion === 'string')
  );
}

/** The issues a refused create call names (`details.issues`), when it names any. */
export function issuesOfError(error: unknown): LinkSettingIssue[] {
  if (!isSignerError(error) || error.code !== 'invalid-request') return [];
  const issues = error.details?.issues;
  return Array.isArray(issues) ? issues.filter(isIssue) : [];
}
