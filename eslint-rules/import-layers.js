/**
 * `layers/imports`: which parts of the repository a file may import, so the arrows of
 * docs/architecture.md hold by themselves. Relative imports are resolved to paths from the
 * repository root and compared by prefix ("src/features/upload/engine/"); packages by name,
 * with `node:*` standing for every Node built-in (also when imported without the prefix).
 *
 * Options (one object): `layer` names the rule in messages; `allow` lists the only paths and
 * packages the files may import; `forbid` lists paths and packages they may not, each with why.
 * eslint.config.js says which files each set applies to; import-layers.test.ts proves each
 * one fires.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules);

/** What an import names: `{ path }` for one of ours, `{ pkg }` for a package or built-in. */
function targetOf(specifier, filename) {
  if (specifier.startsWith('.')) {
    const absolute = path.resolve(path.dirname(filename), specifier);
    return { path: path.relative(ROOT, absolute).split(path.sep).join('/') };
  }
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) {
    return { pkg: specifier.startsWith('node:') ? specifier : `node:${specifier}` };
  }
  const parts = specifier.split('/');
  return { pkg: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

const underAny = (target, prefixes = []) =>
  prefixes.some((prefix) => target === prefix.replace(/\/$/, '') || target.startsWith(prefix));

const namedAny = (pkg, names = []) =>
  names.some((name) => (name.endsWith('*') ? pkg.startsWith(name.slice(0, -1)) : pkg === name));

function matches(target, set) {
  return 'path' in target ? underAny(target.path, set.paths) : namedAny(target.pkg, set.packages);
}

export const importLayersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of docs/architecture.md' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          allow: { type: 'object' },
          forbid: { type: 'array' },
        },
        required: ['layer'],
        additionalProperties: false,
      },
    ],
    messages: {
      notAllowed: "{{layer}} may import only {{allowed}}, not '{{specifier}}'.",
      forbidden: "{{layer}} may not import '{{specifier}}': {{why}}",
    },
  },
  create(context) {
    const { layer, allow, forbid = [] } = context.options[0];
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = targetOf(specifier, context.filename);
      if (allow && !matches(target, allow)) {
        const allowed = [...(allow.paths ?? []), ...(allow.packages ?? [])].join(', ');
        context.report({ node, messageId: 'notAllowed', data: { layer, allowed, specifier } });
        return;
      }
      const rule = forbid.find((set) => matches(target, set));
      if (rule) {
        context.report({ node, messageId: 'forbidden', data: { layer, specifier, why: rule.why } });
      }
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
