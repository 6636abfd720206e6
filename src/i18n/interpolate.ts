export type Params = Readonly<Record<string, string | number>>;

/**
 * Fills `{name}` placeholders. Numbers go through the locale's number format (10,000 vs
 * 10000). A placeholder without a value stays visible rather than vanishing, so a missing
 * parameter shows up in review instead of producing a silently wrong sentence.
 */
export function interpolate(
  template: string,
  params: Params | undefined,
  formatNumber: (value: number) => string,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The placeholder names of a template, for the catalogue consistency test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}
