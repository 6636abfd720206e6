/**
 * `npm run link` for links that ask something: create with details, fields, a password from
 * standard input, terms from a file and a folder template; `show` and `submissions`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSubmissionsResponse } from '../../protocol/submissions';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import { termsHash } from '../submissions/submission-settings';
import { call, openSubmission, text, unlock, uploadOne } from '../testing/submission-calls';
import { runScript } from '../testing/run-script';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

function cli(args: string[], stdin = '') {
  const env = { DATA_DIR: stack.dataDir, ...stackEnv(stack), PUBLIC_URL: 'https://up.example.com' };
  return runScript('server/cli/link-cli.ts', args, env, stdin);
}

describe('npm run link, for links that ask', () => {
  it(
    'creates one from options and stdin, shows it, and lists its submissions',
    { timeout: 180_000 },
    async () => {
      const PASSWORD = 'piped secret 口令';
      const termsFile = path.join(stack.dataDir, 'terms.txt');
      await writeFile(termsFile, 'Send only your own work.\n');
      const created = await cli(
        [
          'create',
          '--title',
          'Theses',
          '--ask',
          'name,email',
          '--field',
          'Student ID:text:required',
          '--field',
          'Faculty:select:Arts|Science',
          '--password-stdin',
          '--terms-file',
          termsFile,
          '--folder-template',
          '{date}/{email}/',
          '--json',
        ],
        `${PASSWORD}\n`,
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };

      const shown = await cli(['show', id]);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain('Asks:         name, email');
      expect(shown.stdout).toContain('Fields:       Student ID (text, required)');
      expect(shown.stdout).toContain('Faculty (select: Arts | Science)');
      expect(shown.stdout).toContain('Password:     yes');
      expect(shown.stdout).toContain(
        `Terms:        Send only your own work. (sha256 ${termsHash('Send only your own work.').slice(0, 12)}`,
      );
      expect(shown.stdout).toContain('Folders:      {date}/{email}/');
      expect(shown.stdout + shown.stderr + created.stdout).not.toContain('piped secret');

      // The password arrived intact: a signer unlocks the link with it.
      const app = createApp({
        config: stack.config,
        cos: stack.cos,
        logger: createLogger('silent'),
      });
      const proof = await unlock(app, token, PASSWORD);
      const sub = await openSubmission(app, token, {
        proof,
        details: { name: 'Ana\u001b[31m', email: 'ana@example.com' },
        fields: { 'Student ID': 'S1' },
        termsAccepted: termsHash('Send only your own work.'),
      });
      await uploadOne(app, token, sub.token, { name: 'a.txt', body: text('hello') });
      expect(
        (await call(app, 'POST', '/submissions/finish', { token, body: { submission: sub.token } }))
          .status,
      ).toBe(200);

      const table = await cli(['submissions', id]);
      expect(table.status).toBe(0);
      expect(table.stdout).toMatch(
        new RegExp(
          `^${sub.id}\\s+closed\\s+\\S+\\s+1\\s+5 B\\s+Ana\\[31m <ana@example\\.com>$`,
          'm',
        ),
      );
      const json = await cli(['submissions', `https://up.example.com/u/${token}`, '--json']);
      expect(AdminSubmissionsResponse.parse(JSON.parse(json.stdout)).submissions).toEqual([
        expect.objectContaining({ id: sub.id, state: 'closed', files: 1, totalBytes: 5 }),
      ]);
    },
  );

  it(
    'refuses a password on the command line and bad settings, in plain words',
    { timeout: 120_000 },
    async () => {
      const onLine = await cli(['create', '--password', 'hunter2']);
      expect(onLine.status).toBe(2);
      expect(onLine.stderr).toContain('use --password-stdin');
      const bad = await cli(['create', '--ask', 'name', '--folder-template', '{email}/']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(
        'Invalid link options: folder template: {email} needs the link to ask for it',
      );
      const offline = await cli(['create', '--ask', 'name', '--no-register']);
      expect(offline.status).toBe(2);
      expect(offline.stderr).toContain('must be registered');
    },
  );
});
