import type { AttemptOutcome } from './delivery-policy';
import { parseRetryAfter } from './delivery-policy';
import type { TargetKind } from './notify-target';
import type { PostResult } from './safe-post';

/**
 * What an answer means for a delivery. HTTP status first; then, for the chat services that
 * answer 200 with an error code in the body (WeCom, DingTalk, Feishu), that code: 0 is
 * delivered, a documented rate-limit code is worth a retry, anything else is a refusal.
 * Only the numeric code is kept; the answer's text is never recorded or logged.
 */
const RATE_LIMIT_CODES: Partial<Record<TargetKind, ReadonlySet<number>>> = {
  // WeCom: 45009 "api freq out of limit".
  wecom: new Set([45009]),
  // DingTalk: 130101 "send too fast", 410100 "发送速度太快而限流".
  dingtalk: new Set([130101, 410100]),
  // Feishu: 11232 frequency limited (the custom bot allows 100/min, 5/s).
  feishu: new Set([11232]),
};

function bodyCode(kind: TargetKind, body: string): number | null {
  if (kind !== 'wecom' && kind !== 'dingtalk' && kind !== 'feishu') return null;
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    for (const field of ['errcode', 'code', 'StatusCode']) {
      const v = json[field];
      if (typeof v === 'number') return v;
    }
    return null;
  } catch {
    return null;
  }
}

export function outcomeOf(kind: TargetKind, result: PostResult, now: number): AttemptOutcome {
  switch (result.kind) {
    case 'refused':
      return { kind: 'permanent', status: null, problem: result.problem };
    case 'timeout':
      return { kind: 'transient', status: null, problem: { code: 'timeout' } };
    case 'network':
      return { kind: 'transient', status: null, problem: { code: 'network', detail: result.code } };
    case 'answered':
      break;
  }
  const { status } = result;
  if (status >= 200 && status < 300) {
    const code = bodyCode(kind, result.body);
    if (code === null || code === 0) {
      // A chat service that answered 200 without the code it documents did not say yes.
      if (code === null && kind !== 'webhook' && kind !== 'slack') {
        return { kind: 'permanent', status, problem: { code: 'no-result-code' } };
      }
      return { kind: 'delivered', status };
    }
    if (RATE_LIMIT_CODES[kind]?.has(code)) {
      return { kind: 'transient', status, problem: { code: 'rate-limited', detail: String(code) } };
    }
    return {
      kind: 'permanent',
      status,
      problem: { code: 'service-refused', detail: String(code) },
    };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'permanent', status, problem: { code: 'redirect', detail: String(status) } };
  }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(result.headers['retry-after'], now);
    return {
      kind: 'transient',
      status,
      problem: { code: 'http', detail: String(status) },
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return { kind: 'permanent', status, problem: { code: 'http', detail: String(status) } };
}
