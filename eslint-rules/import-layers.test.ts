/**
 * Each layer rule of eslint.config.js fires on a file that breaks it, and stays quiet on one
 * that keeps it: the repository's own configuration lints small files placed where the
 * layers apply.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layer rules that report on `code` placed at `file` (from the repository root). */
async function layerRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, {
    filePath: path.join(ROOT, file),
  });
  return result!.messages
    .filter((m) => m.ruleId?.startsWith('layers/'))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const ENGINE = 'src/features/upload/engine';

describe('the upload engine imports only protocol/ and itself', () => {
  it.each([
    ['React', "import { useState } from 'react';"],
    ['a component', "import { FileRow } from '../../components/file-row';"],
    ['the api adapter', "import { createSignerApi } from '../../api/signer-api';"],
    ['lib', "import { createApiClient } from '../../../../lib/api-client';"],
    ['axios outside its transport', "import axios from 'axios';"],
  ])('refuses %s', async (_, code) => {
    const rules = await layerRules(`${ENGINE}/planning/example.ts`, code);
    expect(rules).toEqual([
      expect.stringMatching(/^layers\/engine: The upload engine may import only/),
    ]);
  });

  it('lets the engine use protocol/ and its own modules, and axios in its transport', async () => {
    const ok =
      "import { ROUTES } from '../../../../../protocol/routes';\nimport { IGNORED } from '../state/file-machine';";
    expect(await layerRules(`${ENGINE}/planning/example.ts`, ok)).toEqual([]);
    expect(
      await layerRules(`${ENGINE}/transfer/axios-transport.ts`, "import axios from 'axios';"),
    ).toEqual([]);
  });
});

describe('browser code does not reach Node, the server or the emulator', () => {
  it.each([
    [
      'src/lib/example.ts',
      "import { readFile } from 'node:fs/promises';",
      /layers\/browser: .*'node:fs\/promises': it runs in the page/,
    ],
    ['src/app/example.ts', "import path from 'path';", /layers\/browser: .*'path'/],
    [
      'embed-loader/example.ts',
      "import { DEV_SECRET_ID } from '../emulator/dev-credentials';",
      /layers\/browser: .*the browser talks to them over HTTP only/,
    ],
    [
      'src/app/example.ts',
      "import { loadConfig } from '../../server/config';",
      /layers\/browser: .*'\.\.\/\.\.\/server\/config'/,
    ],
  ])('%s: %s', async (file, code, message) => {
    expect(await layerRules(file, code)).toEqual([expect.stringMatching(message)]);
  });
});

describe('the server does not import the portal or the emulator', () => {
  it('refuses src/', async () => {
    expect(
      await layerRules(
        'server/http/example.ts',
        "import { createApiClient } from '../../src/lib/api-client';",
      ),
    ).toEqual([expect.stringMatching(/^layers\/server: .*the portal is served as built files/)]);
  });

  it('refuses emulator/, even for its dev keys', async () => {
    expect(
      await layerRules(
        'server/cli/example.ts',
        "import { DEV_SECRET_ID } from '../../emulator/dev-credentials';",
      ),
    ).toEqual([
      expect.stringMatching(/^layers\/server: .*its keys reach tools through configuration/),
    ]);
  });

  it('keeps HTTP out of its domain code', async () => {
    expect(
      await layerRules(
        'server/uploads/example.ts',
        "import { readBody } from '../http/read-body';",
      ),
    ).toEqual([expect.stringMatching(/^layers\/domain: .*only the HTTP layer knows statuses/)]);
    expect(
      await layerRules('server/uploads/example.ts', "import { Refusal } from '../refusal';"),
    ).toEqual([]);
  });

  it('lets its tests drive the portal and the emulator in-process', async () => {
    expect(
      await layerRules(
        'server/http/example.test.ts',
        "import { createApiClient } from '../../src/lib/api-client';",
      ),
    ).toEqual([]);
  });
});

describe('protocol/ imports nothing of ours', () => {
  it.each([
    ["import axios from 'axios';"],
    ["import type { FileEntry } from '../src/features/upload/engine/types';"],
  ])('refuses %s', async (code) => {
    const rules = await layerRules('protocol/example.ts', code);
    expect(rules).toContainEqual(
      expect.stringMatching(/^layers\/protocol: The wire protocol may import only protocol\/, zod/),
    );
  });

  it('uses zod and itself', async () => {
    expect(
      await layerRules(
        'protocol/example.ts',
        "import { z } from 'zod/mini';\nimport { ROUTES } from './routes';",
      ),
    ).toEqual([]);
  });
});

describe('features do not import each other; app/ composes them', () => {
  it('refuses another feature', async () => {
    expect(
      await layerRules(
        'src/features/link/example.ts',
        "import type { FileEntry } from '../upload/engine/types';",
      ),
    ).toEqual([
      expect.stringMatching(
        /^layers\/feature: The link feature may not import .*src\/app composes them/,
      ),
    ]);
  });

  it('lets app/ use every feature', async () => {
    const code =
      "import { useLink } from '../features/link/use-link';\nimport { createUploadEngine } from '../features/upload/engine/create-upload-engine';";
    expect(await layerRules('src/app/example.ts', code)).toEqual([]);
  });
});
