/**
 * COS answers errors with a small XML document:
 * `<Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>`. HEAD errors and
 * CORS-hidden answers have no body; the request id then comes from `x-cos-request-id` if the
 * bucket exposes it. A few tags are all we need, so a regex beats shipping an XML parser to
 * the browser, and it works in a worker where DOMParser does not exist.
 */

export interface CosErrorInfo {
  code: string | null;
  message: string | null;
  requestId: string | null;
  traceId: string | null;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const hex = entity[1] === 'x' || entity[1] === 'X';
      const point = Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10);
      return Number.isFinite(point) && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function tag(body: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body);
  if (!match) return null;
  const text = decodeXmlText(match[1]!.trim());
  return text === '' ? null : text;
}

/** Headers are expected lowercased (as the transport returns them). */
export function parseCosError(body: string, headers: Record<string, string> = {}): CosErrorInfo {
  // Error documents are tiny; never scan megabytes of an unexpected body.
  const text = body.length > 64 * 1024 ? body.slice(0, 64 * 1024) : body;
  const isError = /<Error[\s>]/.test(text);
  return {
    code: isError ? tag(text, 'Code') : null,
    message: isError ? tag(text, 'Message') : null,
    requestId: (isError ? tag(text, 'RequestId') : null) ?? headers['x-cos-request-id'] ?? null,
    traceId: (isError ? tag(text, 'TraceId') : null) ?? headers['x-cos-trace-id'] ?? null,
  };
}
