import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { importLayersRule } from './eslint-rules/import-layers.js';

/** Tests and test doubles may reach across layers (a server test drives the portal's client). */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];
const LAYER_RULES = ['engine', 'browser', 'protocol', 'server', 'domain', 'feature'];
const layersPlugin = {
  rules: Object.fromEntries(LAYER_RULES.map((name) => [name, importLayersRule])),
};

/** One layer's import rule (docs/architecture.md), for `files`. */
function layer(name, files, options, ignores = TESTS) {
  return {
    files,
    ignores,
    plugins: { layers: layersPlugin },
    rules: { [`layers/${name}`]: ['error', { layer: options.layer, ...options }] },
  };
}

const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const ENGINE = 'src/features/upload/engine/';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      '.data',
      'test-results',
      'playwright-report',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Sizes a newcomer can read (issue 13): no function over 120 lines, no file over 300
    // (blank lines and comments count for files, not for functions; catalogues are data).
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...TESTS, 'src/i18n/catalogue-*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['server/**', 'emulator/**', 'scripts/**', 'bench/**', 'e2e/**', '*.config.*', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },

  // ---- layers (docs/architecture.md); eslint-rules/import-layers.test.ts proves each fires ----
  layer('browser', ['src/**', 'protocol/**', 'embed-loader/**'], {
    layer: 'Browser code',
    forbid: [
      { packages: ['node:*'], why: 'it runs in the page, where Node does not exist' },
      { paths: ['server/', 'emulator/'], why: 'the browser talks to them over HTTP only' },
    ],
  }),
  layer('protocol', ['protocol/**'], {
    layer: 'The wire protocol',
    allow: { paths: ['protocol/'], packages: ['zod'] },
  }),
  layer('server', ['server/**'], {
    layer: 'The signing server',
    forbid: [
      { paths: ['src/'], why: 'the portal is served as built files, never imported' },
      {
        paths: ['emulator/'],
        why: 'the emulator is a stand-in for COS; its keys reach tools through configuration',
      },
    ],
  }),
  layer(
    'domain',
    ['uploads', 'admin', 'submissions', 'notify', 'links', 'state', 'cos', 'limits'].map(
      (d) => `server/${d}/**`,
    ),
    {
      layer: "The signer's domain code",
      forbid: [
        {
          paths: ['server/http/'],
          why: 'it refuses with server/refusal.ts; only the HTTP layer knows statuses',
        },
      ],
    },
  ),
  ...FEATURES.map((feature) =>
    layer('feature', [`src/features/${feature}/**`], {
      layer: `The ${feature} feature`,
      forbid: [
        {
          paths: FEATURES.filter((other) => other !== feature).map((o) => `src/features/${o}/`),
          why: 'features do not import each other; src/app composes them',
        },
      ],
    }),
  ),
  layer('engine', [`${ENGINE}**`], {
    layer: 'The upload engine',
    allow: { paths: [ENGINE, 'protocol/'], packages: ['zod'] },
  }),
  // Its default transport is the one place the engine meets an HTTP client.
  layer('engine', [`${ENGINE}transfer/axios-transport.ts`], {
    layer: 'The upload engine',
    allow: { paths: [ENGINE, 'protocol/'], packages: ['zod', 'axios'] },
  }),
  layer(
    'engine',
    [`${ENGINE}**/*.test.ts`, `${ENGINE}testing/**`],
    {
      layer: "The upload engine's tests",
      allow: { paths: [ENGINE, 'protocol/', 'testing/'], packages: ['zod', 'axios', 'vitest'] },
    },
    [],
  ),
);
