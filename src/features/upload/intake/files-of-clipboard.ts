/**
 * The files of a paste (a screenshot, files copied in a file manager). Some browsers fill only
 * `items`, others only `files`; `items` also tells files apart from pasted text.
 */
export function filesOfClipboard(data: DataTransfer | null): File[] {
  if (!data) return [];
  const fromItems = Array.from(data.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
  return fromItems.length > 0 ? fromItems : Array.from(data.files ?? []);
}
