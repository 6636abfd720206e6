/**
 * The `embed.d.ts` hosts get, as one file: the loader's own types (types/embed.d.ts) with their
 * reference to the wire contract replaced by the contract's types themselves
 * (protocol/embed-messages.ts, declarations only). Each type is written once, and a host still
 * needs a single file. vite.config.ts emits the result as dist/embed.d.ts.
 */

/** `export type * from '…embed-messages';`, with the comment lines just above it. */
const WIRE_EXPORT = /^(?:\/\/.*\n)*export type \* from '[^']*embed-messages';\n/m;
/** `import type { … } from '…embed-messages';` (the loader's types use the messages too). */
const WIRE_IMPORT = /^import type \{[^}]*\} from '[^']*embed-messages';\n/m;

export function hostDeclarations(loaderTypes: string, wireTypes: string): string {
  if (!WIRE_EXPORT.test(loaderTypes) || !WIRE_IMPORT.test(loaderTypes)) {
    throw new Error('embed.d.ts no longer refers to protocol/embed-messages the expected way');
  }
  // The contract's own opening comment speaks to this repository, not to hosts.
  const wire = wireTypes.replace(/^\/\*\*[\s\S]*?\*\/\n+/, '').trimEnd();
  return loaderTypes.replace(WIRE_IMPORT, '').replace(WIRE_EXPORT, () => `${wire}\n\n`);
}
