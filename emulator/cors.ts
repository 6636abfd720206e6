import path from 'node:path';
import { readJson, removeQuietly, writeJsonAtomic } from './atomic-files';
import { CosError, invalidArgument, malformedXml } from './cos-error';
import { parseXmlBody, xmlDocument, type XmlChild } from './xml';

export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
const MAX_RULES = 100;

const asStrings = (v: unknown): string[] => {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((item) => (typeof item === 'string' ? item : String(item ?? ''))).filter(Boolean);
};

/** Parses a PUT Bucket cors body; shape errors are MalformedXML/InvalidArgument like COS. */
export function parseCorsXml(body: string): CorsRule[] {
  const doc = parseXmlBody(body);
  const config = doc.CORSConfiguration;
  if (typeof config !== 'object' || config === null) throw malformedXml('no CORSConfiguration');
  const rawRules = (config as Record<string, unknown>).CORSRule;
  if (!Array.isArray(rawRules) || rawRules.length === 0) throw malformedXml('no CORSRule');
  if (rawRules.length > MAX_RULES) {
    throw invalidArgument(`A CORS configuration holds at most ${MAX_RULES} rules.`);
  }
  return rawRules.map((raw): CorsRule => {
    if (typeof raw !== 'object' || raw === null) throw malformedXml('empty CORSRule');
    const r = raw as Record<string, unknown>;
    const allowedOrigins = asStrings(r.AllowedOrigin);
    const allowedMethods = asStrings(r.AllowedMethod).map((m) => m.toUpperCase());
    if (allowedOrigins.length === 0 || allowedMethods.length === 0) {
      throw malformedXml('each CORSRule needs AllowedOrigin and AllowedMethod');
    }
    for (const m of allowedMethods) {
      if (!METHODS.has(m)) throw invalidArgument(`Unsupported AllowedMethod ${m}.`);
    }
    for (const o of allowedOrigins) {
      if ((o.match(/\*/g) ?? []).length > 1) {
        throw invalidArgument(`AllowedOrigin ${o} may contain at most one wildcard.`);
      }
    }
    const exposeHeaders = asStrings(r.ExposeHeader);
    if (exposeHeaders.some((h) => h.includes('*'))) {
      throw invalidArgument('ExposeHeader does not support wildcards.');
    }
    let maxAgeSeconds: number | undefined;
    if (r.MaxAgeSeconds !== undefined) {
      maxAgeSeconds = Number(r.MaxAgeSeconds);
      if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
        throw invalidArgument('MaxAgeSeconds must be a non-negative integer.');
      }
    }
    const id = typeof r.ID === 'string' && r.ID !== '' ? r.ID : undefined;
    return {
      ...(id !== undefined ? { id } : {}),
      allowedOrigins,
      allowedMethods,
      allowedHeaders: asStrings(r.AllowedHeader),
      exposeHeaders,
      ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
    };
  });
}

export function corsXml(rules: readonly CorsRule[]): string {
  const children: XmlChild[] = rules.map((rule) => {
    const inner: XmlChild[] = [];
    if (rule.id !== undefined) inner.push(['ID', rule.id]);
    for (const o of rule.allowedOrigins) inner.push(['AllowedOrigin', o]);
    for (const m of rule.allowedMethods) inner.push(['AllowedMethod', m]);
    for (const h of rule.allowedHeaders) inner.push(['AllowedHeader', h]);
    for (const h of rule.exposeHeaders) inner.push(['ExposeHeader', h]);
    if (rule.maxAgeSeconds !== undefined) inner.push(['MaxAgeSeconds', rule.maxAgeSeconds]);
    return ['CORSRule', inner] as const;
  });
  return xmlDocument('CORSConfiguration', children);
}

/** Exact, `*`, or a pattern with one `*` standing for any run of characters. */
function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  if (p === '*') return true;
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

const originAllowed = (rule: CorsRule, origin: string): boolean =>
  rule.allowedOrigins.some((o) => wildcardMatch(o, origin, false));

const headerAllowed = (rule: CorsRule, header: string): boolean =>
  rule.allowedHeaders.some((h) => wildcardMatch(h, header, true));

/** Splits `Access-Control-Request-Headers` into lowercased names. */
export function parseRequestHeaders(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** First rule allowing origin, method and every requested header (first match wins, as COS). */
export function matchPreflight(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      originAllowed(rule, origin) &&
      rule.allowedMethods.includes(method.toUpperCase()) &&
      requestHeaders.every((h) => headerAllowed(rule, h)),
  );
}

/** First rule matching an actual (non-preflight) request's origin and method. */
export function matchActual(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
): CorsRule | undefined {
  return rules.find(
    (rule) => originAllowed(rule, origin) && rule.allowedMethods.includes(method.toUpperCase()),
  );
}

function originHeaders(rule: CorsRule, origin: string): Record<string, string> {
  // A rule whose origin is literally `*` answers `*` (no credentials); any other match echoes.
  const wildcardOnly = rule.allowedOrigins.includes('*') && !rule.allowedOrigins.includes(origin);
  return wildcardOnly
    ? { 'Access-Control-Allow-Origin': '*' }
    : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' };
}

export function preflightHeaders(
  rule: CorsRule,
  origin: string,
  requestHeaders: readonly string[],
): Record<string, string> {
  const h: Record<string, string> = {
    ...originHeaders(rule, origin),
    'Access-Control-Allow-Methods': rule.allowedMethods.join(','),
    Vary: 'Origin',
  };
  const allowHeaders = rule.allowedHeaders.includes('*')
    ? requestHeaders.join(',')
    : rule.allowedHeaders.join(',');
  if (allowHeaders) h['Access-Control-Allow-Headers'] = allowHeaders;
  if (rule.exposeHeaders.length) h['Access-Control-Expose-Headers'] = rule.exposeHeaders.join(',');
  if (rule.maxAgeSeconds !== undefined) h['Access-Control-Max-Age'] = String(rule.maxAgeSeconds);
  return h;
}

/** Headers added to actual responses (success or error) when a rule matches. */
export function actualHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const h: Record<string, string> = {
    ...originHeaders(rule, origin),
    'Access-Control-Allow-Methods': rule.allowedMethods.join(','),
    Vary: 'Origin',
  };
  if (rule.exposeHeaders.length) h['Access-Control-Expose-Headers'] = rule.exposeHeaders.join(',');
  if (rule.maxAgeSeconds !== undefined) h['Access-Control-Max-Age'] = String(rule.maxAgeSeconds);
  return h;
}

export const corsForbidden = (): CosError =>
  new CosError(
    403,
    'AccessForbidden',
    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec",
  );

/** A bucket's CORS rules, persisted as JSON in the bucket folder. */
export class CorsStore {
  private constructor(
    private readonly file: string,
    private current: CorsRule[] | undefined,
  ) {}

  static async open(bucketDir: string): Promise<CorsStore> {
    const file = path.join(bucketDir, 'cors.json');
    const saved = await readJson(file);
    return new CorsStore(file, Array.isArray(saved) ? (saved as CorsRule[]) : undefined);
  }

  get rules(): readonly CorsRule[] | undefined {
    return this.current;
  }

  async set(rules: CorsRule[]): Promise<void> {
    await writeJsonAtomic(this.file, rules);
    this.current = rules;
  }

  async clear(): Promise<void> {
    await removeQuietly(this.file);
    this.current = undefined;
  }
}
