import type COS from 'cos-nodejs-sdk-v5';
import { CosError } from './cos-error';

/**
 * What the COS adapter's parts share: the SDK instance with its bucket and region, and the
 * small conversions from the SDK's answers (XML turned into strings, one item or a list).
 */
export interface Sdk {
  sdk: COS;
  where: { Bucket: string; Region: string };
}

export type SdkHeaders = Record<string, unknown> | undefined;

export function header(headers: SdkHeaders, name: string): string | null {
  const v = headers?.[name];
  return v === undefined || v === null ? null : String(v);
}

export function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** An SDK call whose failure becomes a CosError (code, status, request id). */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw CosError.from(err);
  }
}

/** A call answering 404 gives null instead of failing (HEAD, GET of a missing key). */
export async function orNullIfMissing<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    const e = CosError.from(err);
    if (e.statusCode === 404) return null;
    throw e;
  }
}
