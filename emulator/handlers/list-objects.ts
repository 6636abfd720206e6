import { camSafeUrlEncode, queryValue } from '../cos-encoding';
import { invalidArgument } from '../cos-error';
import { isoDate, quoteEtag } from '../object-headers';
import { sendXml, type RequestContext } from '../request-context';
import { compareKeys, lowerBound } from '../storage';
import { xmlDocument, type XmlChild } from '../xml';

/** `max-keys`/`max-uploads`/`max-parts`: 1..1000, default 1000; garbage ⇒ 400. */
export function parseMax(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 1000;
  if (!/^\d+$/.test(value)) throw invalidArgument(`${name} must be an integer.`);
  return Math.min(Number(value), 1000);
}

export function ownerOf(bucket: string): XmlChild[] {
  const appId = bucket.slice(bucket.lastIndexOf('-') + 1);
  return [
    ['ID', appId],
    ['DisplayName', appId],
  ];
}

/** GET Bucket (ListObjects v1): prefix, marker, max-keys, delimiter/CommonPrefixes, encoding-type. */
export function listObjects(ctx: RequestContext): void {
  const bucket = ctx.bucket!;
  const q = (name: string): string | undefined => queryValue(ctx.query, name);
  const prefix = q('prefix') ?? '';
  const marker = q('marker') ?? '';
  const delimiter = q('delimiter') ?? '';
  const maxKeys = parseMax(q('max-keys'), 'max-keys');
  const encodingType = q('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw invalidArgument('encoding-type only supports url.');
  }
  const enc = (s: string): string => (encodingType === 'url' ? camSafeUrlEncode(s) : s);

  const contents: string[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let nextMarker = '';
  const keys = bucket.objects.keys();
  const now = ctx.env.now();
  const lag = ctx.env.faults.listing;
  // Keys sharing a prefix sit together in listing order: start at the first one (or after
  // the marker) and stop at the first key past them.
  let start = lowerBound(keys, prefix);
  if (marker) {
    start = Math.max(start, lowerBound(keys, marker));
    if (keys[start] === marker) start++;
  }
  for (let i = start; i < keys.length; i++) {
    const key = keys[i]!;
    if (!key.startsWith(prefix)) break;
    if (marker && compareKeys(key, marker) <= 0) continue;
    // Eventual consistency, when asked for (listing-lag.ts): not listed yet, as if unknown.
    if (lag.active && lag.hides(bucket.name, key, bucket.objects.get(key)!.lastModified, now)) {
      continue;
    }
    let commonPrefix: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) commonPrefix = key.slice(0, at + delimiter.length);
    }
    if (commonPrefix !== undefined) {
      // Keys inside the group the marker ended on were already reported as that prefix.
      if (commonPrefix === prefixes[prefixes.length - 1] || commonPrefix === marker) continue;
    }
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (commonPrefix !== undefined) {
      prefixes.push(commonPrefix);
      nextMarker = commonPrefix;
    } else {
      contents.push(key);
      nextMarker = key;
    }
  }

  const children: XmlChild[] = [['Name', bucket.name]];
  if (encodingType) children.push(['EncodingType', encodingType]);
  children.push(['Prefix', enc(prefix)], ['Marker', enc(marker)], ['MaxKeys', maxKeys]);
  if (delimiter) children.push(['Delimiter', enc(delimiter)]);
  children.push(['IsTruncated', truncated]);
  if (truncated) children.push(['NextMarker', enc(nextMarker)]);
  for (const p of prefixes) children.push(['CommonPrefixes', [['Prefix', enc(p)]]]);
  for (const key of contents) {
    const obj = bucket.objects.get(key)!;
    children.push([
      'Contents',
      [
        ['Key', enc(key)],
        ['LastModified', isoDate(obj.lastModified)],
        ['ETag', quoteEtag(obj.etag)],
        ['Size', obj.size],
        ['Owner', ownerOf(bucket.name)],
        ['StorageClass', obj.storageClass],
      ],
    ]);
  }
  sendXml(ctx, 200, xmlDocument('ListBucketResult', children));
}
