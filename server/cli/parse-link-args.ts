import { parseByteSize } from '../../protocol/byte-size';
import type { LinkSettingIssue } from '../../protocol/link-settings';
import { checkLinkSettings } from '../../protocol/link-settings';
import type { LinkOptions } from '../links/link-types';
import type { NotifyLanguage } from '../notify/closed-submission';

/** Option values that are not what they should be, each named (see protocol/link-settings). */
export class LinkOptionsError extends Error {
  constructor(readonly issues: LinkSettingIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.problem}`).join('; '));
    this.name = 'LinkOptionsError';
  }
}

/**
 * Command-line options of `npm run link` turned into LinkOptions. Sizes take decimal
 * (`KB`, `MB`, `GB`, `TB`: 1000ⁿ, how every size is shown) or binary (`KiB`, `MiB`, `GiB`,
 * `TiB`: 1024ⁿ) units, bare numbers are bytes (protocol/byte-size.ts); durations take `s`,
 * `m`, `h`, `d` (bare numbers are seconds).
 */
export const LINK_CLI_USAGE = `Usage: npm run link -- <command> [options]

Commands:
  create [options]          mint a share link, record it in the bucket, print its upload URL
  list                      every registered link with its use and state
  show <id>                 one link: limits, use, uploads in flight, URL
  revoke <id|url> [--reason t]
                            withdraw a link for good (every signer stops it within
                            STATE_CACHE_SECONDS); a URL or token also works for links
                            minted with --no-register
  submissions <id|url>      who sent what: each submission with its sender, files and state
  notifications <id>        the link's notification targets (keys masked) and delivery log
  notify-test <id>          send a test event to every notification target of the link

Options of create (a bare "npm run link -- --title …" means create):
  --title <text>            shown at the top of the upload page
  --message <text>          shown under the title
  --expires <duration>      e.g. 30m, 12h, 7d, "3 days" (default: never)
  --max-file-size <size>    largest file, e.g. 100KB, 500MB, 2GB
  --max-total <size>        total size the link accepts over its life
                            (sizes are decimal as shown everywhere: 1 MB = 1,000,000
                            bytes; KiB, MiB, GiB are accepted for binary sizes)
  --max-files <n>           number of files the link accepts over its life
  --types <list>            comma list of MIME patterns and extensions: image/*,.pdf
  --embed-origins <list>    comma list of origins allowed to embed /embed/<token>
  --notify <target>         tell someone when a submission has landed (repeatable):
                            https://… (signed webhook), wecom:<robot url>,
                            dingtalk:<robot url>#<secret>, feishu:<bot url>[#<secret>],
                            slack:<incoming webhook url>, mailto:owner@example.com
  --notify-language <en|zh-CN>
                            language of those messages (default en)
  --no-register             mint offline, without recording it in the bucket

What the link asks before anything is sent (each needs the link registered):
  --ask <list>              required sender details: name,email,organisation,phone
  --field <spec>            a custom field, "Label:type[:required][:A|B|C]"; types text,
                            email, number, date, select (options after the last colon,
                            separated by |), checkbox; repeat for up to 10 fields
  --password-stdin          a password, read from standard input (never from the command
                            line): echo "$PASS" | npm run link -- create --password-stdin
  --terms <text>            terms the sender must accept (or --terms-file <file>)
  --folder-template <t>     where each submission's files go inside the link's folder, e.g.
                            "{date}/{email}/"; placeholders {date} {time} {name} {email}
                            {organisation} {phone} {submission} {field:Label}

Every command:
  --json                    machine-readable output on stdout, nothing else: run it as
                            npm run -s link -- … (without -s, npm prints its own banner
                            on stdout first)

Needs the signer's environment (LINK_SECRET or LINK_KEYS, COS_*; .env is read as npm start
reads it). With no COS_* set it uses the local emulator that npm start runs (start that first)
and the dev secret in DATA_DIR. Links point at PUBLIC_URL, else at the portal npm start is
running, else at http://127.0.0.1:PORT; the command says which on stderr.`;

/** As typed: "30m", "12h", "7d", also spelled out ("3 days", "90 minutes"). */
const DURATION_UNITS: Record<string, number> = {
  '': 1,
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

export function parseSize(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === null) throw new Error(`not a size: "${text}" (try 500MB or 2GiB)`);
  return bytes;
}

/** Seconds in "30m", "12h", "7d", "90" (seconds); null when it is not a duration. */
function durationOf(text: string): number | null {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? DURATION_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit !== undefined ? Number(m[1]) * unit : null;
}

export function parseDuration(text: string): number {
  const seconds = durationOf(text);
  if (seconds === null || seconds <= 0) {
    throw new Error(`not a duration: "${text}" (try 30m, 12h or 7d)`);
  }
  return seconds;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--notify` targets (checked against the deployment when the link is created). */
export interface NotifyArgs {
  targets: string[];
  language?: NotifyLanguage;
}

/** `--field "Label:type[:required][:A|B|C]"` as a field definition (checked in full later). */
export function parseFieldSpec(text: string): NonNullable<LinkOptions['fields']>[number] {
  const parts = text.split(':');
  const label = parts[0]?.trim() ?? '';
  const type = parts[1]?.trim().toLowerCase() ?? '';
  if (!label || !type) {
    throw new Error(
      `--field needs "Label:type", e.g. "Student ID:text:required" or "Faculty:select:Arts|Science" (got "${text}")`,
    );
  }
  let rest = parts.slice(2);
  let required = false;
  if (rest[0]?.trim().toLowerCase() === 'required') {
    required = true;
    rest = rest.slice(1);
  } else if (rest[0]?.trim().toLowerCase() === 'optional') {
    rest = rest.slice(1);
  }
  const options = rest.length
    ? rest
        .join(':')
        .split('|')
        .map((o) => o.trim())
        .filter(Boolean)
    : [];
  return { label, type, required, ...(options.length ? { options } : {}) };
}

export interface ParsedCreate {
  options: LinkOptions;
  json: boolean;
  register: boolean;
  /** `--password-stdin`: the CLI reads the password from standard input. */
  passwordFromStdin?: true;
  /** `--terms-file`: the terms are read from this file. */
  termsFile?: string;
  /** `--notify` targets and `--notify-language`. */
  notify?: NotifyArgs;
}

export function parseLinkArgs(argv: readonly string[]): ParsedCreate {
  const options: LinkOptions = {};
  const issues: LinkSettingIssue[] = [];
  let json = false;
  let register = true;
  let passwordFromStdin = false;
  let termsFile: string | undefined;
  let notify: NotifyArgs | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--no-register') {
      register = false;
      continue;
    }
    if (arg === '--password-stdin') {
      passwordFromStdin = true;
      continue;
    }
    if (arg === '--password' || arg.startsWith('--password=')) {
      throw new Error(
        'a password is never given on the command line (shell history, process lists): use --password-stdin',
      );
    }
    if (!arg.startsWith('--')) {
      const before = argv[i - 1];
      throw new Error(
        `unexpected "${arg}"${before ? ` after ${before}` : ''}: options start with --, and a value with spaces goes in quotes (--title "Grant documents", --expires 3d)`,
      );
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    switch (name) {
      case '--title':
        options.title = value;
        break;
      case '--message':
        options.message = value;
        break;
      case '--expires': {
        const seconds = durationOf(value);
        if (seconds === null) issues.push({ field: 'expires', problem: 'not-a-duration', value });
        else options.expiresInSeconds = seconds;
        break;
      }
      case '--max-file-size':
      case '--max-total': {
        const field = name === '--max-total' ? 'maxTotalBytes' : 'maxFileSize';
        const bytes = parseByteSize(value);
        if (bytes === null) issues.push({ field, problem: 'not-a-size', value });
        else options[field] = bytes;
        break;
      }
      case '--max-files':
        if (!/^\d+$/.test(value.trim())) {
          issues.push({ field: 'maxFiles', problem: 'not-a-count', value });
        } else options.maxFiles = Number(value);
        break;
      case '--types':
        options.allowedTypes = list(value);
        break;
      case '--embed-origins':
        options.embedOrigins = list(value);
        break;
      case '--notify':
        notify = { ...notify, targets: [...(notify?.targets ?? []), value] };
        break;
      case '--notify-language':
        if (value !== 'en' && value !== 'zh-CN') {
          throw new Error(`--notify-language must be en or zh-CN (got "${value}")`);
        }
        notify = { targets: notify?.targets ?? [], language: value };
        break;
      case '--ask':
        options.ask = list(value);
        break;
      case '--field':
        options.fields = [...(options.fields ?? []), parseFieldSpec(value)];
        break;
      case '--terms':
        options.terms = value;
        break;
      case '--terms-file':
        termsFile = value;
        break;
      case '--folder-template':
        options.folderTemplate = value;
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  }
  // Everything wrong at once: what could not be read, and what was read but is not allowed.
  issues.push(...checkLinkSettings(options));
  if (issues.length > 0) throw new LinkOptionsError(issues);
  if (termsFile !== undefined && options.terms !== undefined) {
    throw new Error('give the terms once: --terms or --terms-file, not both');
  }
  return {
    options,
    json,
    register,
    ...(passwordFromStdin ? { passwordFromStdin: true as const } : {}),
    ...(termsFile !== undefined ? { termsFile } : {}),
    ...(notify ? { notify } : {}),
  };
}

export type LinkCommand =
  | { command: 'help' }
  | ({ command: 'create' } & ParsedCreate)
  | { command: 'list'; json: boolean }
  | { command: 'show'; id: string; json: boolean }
  | { command: 'revoke'; id: string; reason: string; json: boolean }
  | { command: 'submissions'; id: string; json: boolean }
  | { command: 'notifications' | 'notify-test'; id: string; json: boolean };

/** `create|list|show|revoke` and their arguments; options alone mean `create`. */
export function parseLinkCommand(argv: readonly string[]): LinkCommand {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    return { command: 'help' };
  }
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('--')) {
    return { command: 'create', ...parseLinkArgs(argv) };
  }
  const json = rest.includes('--json');
  const args = rest.filter((a) => a !== '--json');
  switch (first) {
    case 'create':
      return { command: 'create', ...parseLinkArgs(rest) };
    case 'list':
      if (args.length) throw new Error(`list takes no arguments (got ${args.join(' ')})`);
      return { command: 'list', json };
    case 'show': {
      if (args.length !== 1 || args[0]!.startsWith('--')) throw new Error('show needs a link id');
      return { command: 'show', id: args[0]!, json };
    }
    case 'revoke': {
      const id = args[0];
      if (id === undefined || id.startsWith('--')) throw new Error('revoke needs a link id');
      let reason = '';
      for (let i = 1; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '--reason' && args[i + 1] !== undefined) reason = args[++i]!;
        else if (arg.startsWith('--reason=')) reason = arg.slice('--reason='.length);
        else throw new Error(`unknown argument ${arg}`);
      }
      return { command: 'revoke', id, reason, json };
    }
    case 'submissions': {
      if (args.length !== 1 || args[0]!.startsWith('--')) {
        throw new Error('submissions needs a link id (or its URL)');
      }
      return { command: 'submissions', id: args[0]!, json };
    }
    case 'notifications':
    case 'notify-test': {
      if (args.length !== 1 || args[0]!.startsWith('--'))
        throw new Error(`${first} needs a link id`);
      return { command: first, id: args[0]!, json };
    }
    default:
      throw new Error(`unknown command "${first}" (try create, list, show, revoke or submissions)`);
  }
}
