/**
 * The English sentences for a link setting's issues (protocol/link-settings.ts), on their own:
 * the portal's English catalogue ships with every page, and these words must not bring the
 * checks along. `{field}`, `{value}`, `{limit}`, `{example}` and `{suggestion}` are filled in
 * by `explainLinkSettingIssue`.
 */
export const LINK_SETTING_PROBLEMS = [
  'not-text',
  'too-long',
  'not-a-duration',
  'too-long-lived',
  'not-a-size',
  'not-a-count',
  'zero',
  'type-no-dot',
  'type-invalid',
  'too-many',
  'origin-empty',
  'origin-not-a-url',
  'origin-scheme',
  'origin-wildcard',
  'origin-userinfo',
  'origin-path',
  'origin-query',
  'origin-fragment',
  'origin-host',
  'notify-target',
] as const;
export type LinkSettingProblem = (typeof LINK_SETTING_PROBLEMS)[number];

/** Shared by the CLI, the admin API and the admin page's English catalogue. */
export const LINK_ISSUE_PROBLEMS_EN: Record<LinkSettingProblem, string> = {
  'not-text': '{field} must be text, for example {example}.',
  'too-long': '{field} is too long: at most {limit} characters.',
  'not-a-duration': '{field}: “{value}” is not a length of time. For example: {example}.',
  'too-long-lived': '{field} is too long: a link may live at most {limit} days.',
  'not-a-size':
    '{field}: “{value}” is not a size. Write a number and a unit, for example {example}.',
  'not-a-count': '{field}: “{value}” is not a whole number of files. For example: {example}.',
  zero: '{field} cannot be 0: the link would accept nothing. Leave it out for no limit, or give more, for example {example}.',
  'type-no-dot':
    '{field}: “{value}” is neither a file extension nor a MIME type. Extensions start with a dot, for example {example}.',
  'type-invalid':
    '{field}: “{value}” is not a file type. Write an extension with a dot or a MIME type, for example {example}.',
  'too-many': '{field} has too many entries: at most {limit}.',
  'origin-empty':
    '{field} has an empty entry. Write each site as its origin, for example {example}.',
  'origin-not-a-url':
    '{field}: “{value}” is not a web address. Write scheme and host, for example {example}.',
  'origin-scheme':
    '{field}: “{value}” is not an https:// or http:// site; only those can embed a link. For example: {example}.',
  'origin-wildcard':
    '{field}: “{value}” has a wildcard (*); list every site exactly, for example {example}.',
  'origin-userinfo':
    '{field}: “{value}” has a user name or password (an @ before the host); leave it out, for example {example}.',
  'origin-path':
    '{field}: “{value}” has a path; an origin is only scheme, host and port, for example {example}.',
  'origin-query':
    '{field}: “{value}” has a query (?…); an origin is only scheme, host and port, for example {example}.',
  'origin-fragment':
    '{field}: “{value}” has a fragment (#…); an origin is only scheme, host and port, for example {example}.',
  'origin-host': '{field}: “{value}” has no valid host name or port. For example: {example}.',
  'notify-target':
    '{field}: “{value}” is not a notification target. Start it with https://, wecom:, dingtalk:, feishu:, slack: or mailto:, for example {example}.',
};
/** Appended as it is: English needs the space before it, Chinese none. */
export const LINK_ISSUE_SUGGESTION_EN = ' Did you mean {suggestion}?';
