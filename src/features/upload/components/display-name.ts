/**
 * Bidi control characters (LRE…RLO, LRI…PDI, LRM, RLM, ALM). A name like
 * "invoice\u202Efdp.exe" would otherwise display as "invoiceexe.pdf". `<bdi>` keeps a name
 * from reordering the text around it; removing these keeps it from disguising itself.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function displayName(name: string): string {
  return name.replace(BIDI_CONTROLS, '');
}
