import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from './cos-error';

/** COS's own declaration line (single quotes, spaces) as seen in its error bodies. */
export const XML_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>";

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type XmlValue = string | number | boolean | null | undefined | XmlChild[];
/**
 * One element: `[name, value]`. Arrays nest; `null` renders an empty element; undefined is
 * skipped. `name` may carry attributes after a space (`Grantee xsi:type="Group"`), written as
 * given: only the emulator's own constants go there, never request data.
 */
export type XmlChild = readonly [name: string, value: XmlValue];

function render(children: readonly XmlChild[], indent: string): string {
  let out = '';
  for (const [name, value] of children) {
    if (value === undefined) continue;
    const tag = name.split(' ', 1)[0]!;
    if (value === null || value === '') {
      out += `${indent}<${name}/>\n`;
    } else if (Array.isArray(value)) {
      out += `${indent}<${name}>\n${render(value, indent + '\t')}${indent}</${tag}>\n`;
    } else {
      out += `${indent}<${name}>${xmlEscape(String(value))}</${tag}>\n`;
    }
  }
  return out;
}

/** A whole XML document with one root element, tab-indented like COS's responses. */
export function xmlDocument(root: string, children: readonly XmlChild[], attrs = ''): string {
  return `${XML_DECLARATION}\n<${root}${attrs}>\n${render(children, '\t')}</${root}>`;
}

export interface ErrorBodyInput {
  code: string;
  message: string;
  resource: string;
  requestId: string;
  traceId: string;
  extra?: Readonly<Record<string, string>>;
}

export function errorXml(e: ErrorBodyInput): string {
  const children: XmlChild[] = [
    ['Code', e.code],
    ['Message', e.message],
    ['Resource', e.resource],
    ['RequestId', e.requestId],
    ['TraceId', e.traceId],
  ];
  for (const [name, value] of Object.entries(e.extra ?? {})) children.push([name, value]);
  return xmlDocument('Error', children);
}

const ARRAY_TAGS = new Set([
  'Part',
  'CORSRule',
  'AllowedOrigin',
  'AllowedMethod',
  'AllowedHeader',
  'ExposeHeader',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  // Element lists that may hold one item must always come back as arrays.
  isArray: (tagName) => ARRAY_TAGS.has(tagName),
});

/**
 * Parses a request body (Complete, CORS). Not well-formed ⇒ 400 MalformedXML, like COS; the
 * caller then checks the shape.
 */
export function parseXmlBody(body: string): Record<string, unknown> {
  if (body.trim() === '') throw malformedXml('empty body');
  // Request bodies never need a DTD; refusing one rules out entity-expansion tricks.
  if (/<!DOCTYPE/i.test(body)) throw malformedXml('DTD not allowed');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw malformedXml(valid.err.msg);
  const parsed: unknown = parser.parse(body);
  if (typeof parsed !== 'object' || parsed === null) throw malformedXml();
  return parsed as Record<string, unknown>;
}
