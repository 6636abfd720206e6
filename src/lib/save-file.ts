/** How long a saved file's object URL stays alive: long enough for the browser to save it. */
const REVOKE_AFTER_MS = 60_000;

/** Hands a file made in the page to the browser's download, under `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
