import { corsForbidden, matchPreflight, parseRequestHeaders, preflightHeaders } from '../cors';
import { send, type RequestContext } from '../request-context';

/**
 * OPTIONS (unsigned): the first rule allowing origin, method and every requested header wins;
 * anything else — no config, no match, not a CORS preflight at all — is 403 AccessForbidden.
 */
export function preflight(ctx: RequestContext): void {
  const origin = ctx.req.headers.origin;
  const method = ctx.req.headers['access-control-request-method'];
  const rules = ctx.bucket!.cors.rules;
  if (!origin || typeof method !== 'string' || !rules) throw corsForbidden();
  const requested = parseRequestHeaders(ctx.req.headers['access-control-request-headers']);
  const rule = matchPreflight(rules, origin, method, requested);
  if (!rule) throw corsForbidden();
  send(ctx, 200, preflightHeaders(rule, origin, requested));
}
