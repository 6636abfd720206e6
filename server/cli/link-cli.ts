/**
 * `npm run link -- <create|list|show|revoke> …`: manages share links with the signer's own
 * code and environment. `create` mints a link (LINK_SECRET / LINK_KEYS, or the dev secret of a
 * local setup), records it in the bucket and prints its upload URL; `list`, `show` and
 * `revoke` read and write the link state in the bucket (see server/state).
 */
import { readFile } from 'node:fs/promises';
import { describeAdminLink, describeMany } from '../admin/admin-link';
import { explainLinkSettingIssues, LINK_ISSUE_WORDS_CLI } from '../../protocol/link-settings';
import { createLink, mintLink } from '../links/create-link';
import { LinkSettingsError } from '../links/link-types';
import { verifyLinkToken } from '../links/link-token';
import { newLinkId } from '../links/link-types';
import { runNotifyCommand, storeCliTargets } from '../notify/notify-cli';
import { createLogger } from '../log/logger';
import { LinkState } from '../state/link-state';
import { SubmissionService } from '../submissions/submission-service';
import { linkSubmissions, summaryOf } from '../submissions/submission-views';
import type { CliSetup } from './cli-env';
import { CliError, explainStorageError, loadCliSetup, runCli } from './cli-env';
import { formatLinkDetails, formatLinkTable } from './format-link';
import { formatSubmissionTable } from './format-submissions';
import type { LinkCommand } from './parse-link-args';
import { LINK_CLI_USAGE, LinkOptionsError, parseLinkCommand } from './parse-link-args';
import { readSecretFromStdin } from './read-secret';

const print = (text: string) => process.stdout.write(`${text}\n`);
/**
 * `npm run` prints a banner ("> cos-upload-portal@… link …") on stdout before the script runs,
 * unless told to be silent: nothing here can take it back, but the owner can be told.
 */
function npmPrintedItsBanner(): boolean {
  return process.env.npm_lifecycle_event === 'link' && process.env.npm_config_loglevel !== 'silent';
}

/** Objects never verified that `show` names (cos:cleanup lists them all). */
const UNVERIFIED_NAMED = 10;

/**
 * The link id in a command argument: an id as printed by `list`, or a link's upload URL or
 * token, which must verify with this deployment's keys (an expired link can still be revoked).
 */
function linkIdOf(arg: string, config: CliSetup['config']): string {
  const token = arg.includes('/u/') ? arg.slice(arg.lastIndexOf('/u/') + 3).split(/[?#]/)[0]! : arg;
  if (!token.includes('.')) return arg;
  const verified = verifyLinkToken(config.linkKeys, decodeURIComponent(token), 0);
  if (!verified.ok)
    throw new CliError(`This is not a valid link of this deployment (${verified.code}).`);
  return verified.link.id;
}

async function run(command: Exclude<LinkCommand, { command: 'help' }>, setup: CliSetup) {
  const { config } = setup;
  const now = Date.now();
  // The CLI makes one decision per run: read everything fresh.
  const state = new LinkState({
    cos: setup.cos,
    statePrefix: config.statePrefix,
    cacheSeconds: 0,
    now: Date.now,
  });
  const describe = (id: string) =>
    state.readRecord(id).then((record) => {
      if (!record)
        throw new CliError(`No registered link has the id "${id}" (see: npm run link -- list).`);
      return describeAdminLink(config, state, record.claims, record.createdAt, record.kid);
    });

  switch (command.command) {
    case 'create': {
      if (command.termsFile !== undefined) {
        try {
          command.options.terms = await readFile(command.termsFile, 'utf8');
        } catch (err) {
          throw new CliError(
            `Cannot read the terms file ${command.termsFile}: ${(err as Error).message}`,
            2,
          );
        }
      }
      if (command.passwordFromStdin) {
        command.options.password = await readSecretFromStdin('Password for the link: ');
        if (command.options.password === '') {
          throw new CliError('--password-stdin read an empty password.', 2);
        }
      }
      let options = command.options;
      if (command.notify?.targets.length) {
        if (!command.register) {
          throw new CliError(
            '--notify needs the link registered in the bucket: drop --no-register.',
            2,
          );
        }
        // Stored first, under the id the link will have: no link is ever without its targets.
        options = { ...options, id: newLinkId() };
        await storeCliTargets(
          setup,
          state,
          options.id!,
          command.notify.targets,
          command.notify.language,
        );
      }
      let created;
      try {
        created = command.register
          ? await createLink(config, state, options, now)
          : mintLink(config, options, now);
      } catch (err) {
        if (err instanceof LinkSettingsError) {
          throw new CliError(explainLinkSettingIssues(err.issues, LINK_ISSUE_WORDS_CLI), 2);
        }
        // What the link asks is checked before anything is written (submission-settings.ts).
        if (err instanceof Error && err.constructor === Error) {
          throw new CliError(`Invalid link options: ${err.message}`, 2);
        }
        throw err;
      }
      // Which portal the printed link points at, once it is made.
      if (setup.publicUrlNote) process.stderr.write(`${setup.publicUrlNote}\n`);
      if (command.json) {
        print(
          JSON.stringify({
            id: created.claims.id,
            token: created.token,
            url: created.url,
            registered: command.register,
          }),
        );
      } else {
        if (config.usingDevLinkSecret) process.stderr.write('(signed with the local dev secret)\n');
        print(created.url);
      }
      return;
    }
    case 'list': {
      const records = await state.listRecords();
      const links = await describeMany(records, (r) =>
        describeAdminLink(config, state, r.claims, r.createdAt, r.kid),
      );
      print(command.json ? JSON.stringify({ links }, null, 2) : formatLinkTable(links, now));
      return;
    }
    case 'show': {
      const link = await describe(command.id);
      if (setup.publicUrlNote && link.url) process.stderr.write(`${setup.publicUrlNote}\n`);
      if (command.json) {
        print(JSON.stringify({ link }, null, 2));
        return;
      }
      const named =
        link.unverified && link.unverified.files > 0
          ? (
              await state.use(
                {
                  id: link.id,
                  prefix: link.keyPrefix,
                  withQuota: link.inFlight !== null,
                },
                UNVERIFIED_NAMED,
              )
            ).unverified?.objects
          : [];
      print(formatLinkDetails(link, now, named));
      return;
    }
    case 'revoke': {
      const id = linkIdOf(command.id, config);
      // A registered link, or one named by its URL or token (minted offline, --no-register).
      const registered = await state.readRecord(id);
      if (!registered && id === command.id) await describe(id);
      const revocation = await state.revoke(id, command.reason);
      if (command.json) print(JSON.stringify({ id, revoked: revocation }, null, 2));
      else {
        print(
          `Revoked link ${id} at ${new Date(revocation.at).toISOString()}.\n` +
            `Every signer refuses new uploads within STATE_CACHE_SECONDS (${config.stateCacheSeconds} s here). ` +
            'Uploads already under way may finish (their URLs stay valid until URL_TTL_SECONDS) and ' +
            'are verified and counted; any that land but are never completed show as "Not verified" ' +
            `in: npm run link -- show ${id}`,
        );
      }
      return;
    }
    case 'submissions': {
      const id = linkIdOf(command.id, config);
      const record = await state.readRecord(id);
      if (!record) {
        throw new CliError(`No registered link has the id "${id}" (see: npm run link -- list).`);
      }
      const service = new SubmissionService({
        config,
        cos: setup.cos,
        state,
        now: Date.now,
        logger: createLogger('silent'),
      });
      const submissions = (await linkSubmissions(service, id)).map(summaryOf);
      print(
        command.json
          ? JSON.stringify({ submissions }, null, 2)
          : formatSubmissionTable(submissions, record.claims.title),
      );
      return;
    }
    case 'notifications':
    case 'notify-test':
      await runNotifyCommand(command, setup, state, print);
      return;
  }
}

runCli(async () => {
  let command: LinkCommand;
  try {
    command = parseLinkCommand(process.argv.slice(2));
  } catch (err) {
    // A value that is not what it should be: a sentence each, with an example, is enough.
    if (err instanceof LinkOptionsError) {
      throw new CliError(explainLinkSettingIssues(err.issues, LINK_ISSUE_WORDS_CLI), 2);
    }
    throw new CliError(`${(err as Error).message}\n\n${LINK_CLI_USAGE}`, 2);
  }
  if (command.command === 'help') {
    print(LINK_CLI_USAGE);
    return;
  }
  if ('json' in command && command.json && npmPrintedItsBanner()) {
    process.stderr.write(
      'Note: npm printed its own lines on stdout before the JSON. For JSON alone, run ' +
        '`npm run -s link -- …` (or `npx tsx server/cli/link-cli.ts …`).\n',
    );
  }
  const setup = loadCliSetup();
  try {
    await run(command, setup);
  } catch (err) {
    throw explainStorageError(err, setup);
  }
});
