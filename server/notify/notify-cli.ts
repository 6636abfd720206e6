import type { CliSetup } from '../cli/cli-env';
import { CliError } from '../cli/cli-env';
import { plural } from '../cli/format-link';
import { createLogger } from '../log/logger';
import type { LinkState } from '../state/link-state';
import type { NotifyLanguage } from './closed-submission';
import {
  checkLinkTargets,
  linkTargetsRecord,
  TargetsError,
  writeLinkTargets,
} from './link-targets';
import type { DeliveryLogEntry, TargetView } from './notifier';
import { NoTargetsError, Notifier } from './notifier';

/**
 * The link CLI's notification parts: `create --notify …` stores the targets (checked first),
 * `notifications <id>` shows targets and the delivery log, `notify-test <id>` sends a test event
 * from this process and reports each target's first attempt. A retry it leaves behind is in the
 * outbox, where the running signers pick it up.
 */
export async function storeCliTargets(
  setup: CliSetup,
  state: LinkState,
  linkId: string,
  specs: string[],
  language: NotifyLanguage = 'en',
): Promise<void> {
  let targets;
  try {
    targets = checkLinkTargets(specs, setup.config.notify);
  } catch (err) {
    if (err instanceof TargetsError) throw new CliError(err.problems.join('\n'), 2);
    throw err;
  }
  await writeLinkTargets(state.store, linkId, linkTargetsRecord(targets, language));
}

function cliNotifier(setup: CliSetup, state: LinkState): Notifier {
  return new Notifier({
    store: state.store,
    settings: setup.config.notify,
    publicUrl: setup.config.publicUrl,
    dataDir: setup.config.dataDir,
    // The command prints the outcome itself.
    logger: createLogger('silent'),
  });
}

function describeRow(row: DeliveryLogEntry): string {
  const status = row.lastStatus === null ? '' : ` (${row.lastStatus})`;
  switch (row.status) {
    case 'delivered':
      return `delivered${status}`;
    case 'failed':
      return `failed after ${plural(row.attempts, 'attempt')}: ${row.lastError ?? 'unknown'}`;
    case 'retrying':
      return `${row.lastError ?? 'not delivered'}; next try ${new Date(row.nextAttemptAt ?? 0).toISOString()} (a running signer retries it)`;
    case 'delivering':
      return 'being delivered';
    default:
      return 'waiting for its first attempt';
  }
}

function targetLine(t: TargetView): string {
  return `${t.display}${t.source === 'default' ? '  [NOTIFY_DEFAULT]' : ''}`;
}

export async function runNotifyCommand(
  command: { command: 'notifications' | 'notify-test'; id: string; json: boolean },
  setup: CliSetup,
  state: LinkState,
  print: (text: string) => void,
): Promise<void> {
  const record = await state.readRecord(command.id);
  if (!record) {
    throw new CliError(
      `No registered link has the id "${command.id}" (see: npm run link -- list).`,
    );
  }
  const notifier = cliNotifier(setup, state);
  try {
    if (command.command === 'notifications') {
      const [{ language, targets }, deliveries] = await Promise.all([
        notifier.targetViews(record.claims.id),
        notifier.deliveryLog(record.claims.id),
      ]);
      if (command.json) {
        print(JSON.stringify({ language, targets, deliveries }, null, 2));
        return;
      }
      print(`Notification targets (messages in ${language}):`);
      print(targets.length ? targets.map((t) => `  ${targetLine(t)}`).join('\n') : '  none');
      print('\nDeliveries, newest first:');
      print(
        deliveries.length
          ? deliveries
              .map(
                (d) =>
                  `  ${new Date(d.createdAt).toISOString()} ${d.type} ${d.eventId} → ${d.target.display}: ${describeRow(d)}`,
              )
              .join('\n')
          : '  none yet',
      );
      return;
    }

    let sent;
    try {
      sent = await notifier.sendTest({ id: record.claims.id, title: record.claims.title });
    } catch (err) {
      if (err instanceof NoTargetsError) {
        throw new CliError(`${err.message} Add some with --notify when creating a link.`);
      }
      throw err;
    }
    await notifier.idle();
    const rows = (await notifier.deliveryLog(record.claims.id)).filter(
      (d) => d.eventId === sent.eventId,
    );
    if (command.json) print(JSON.stringify({ eventId: sent.eventId, deliveries: rows }, null, 2));
    else {
      print(`Sent test event ${sent.eventId} to ${plural(sent.targets, 'target')}:`);
      for (const row of rows) print(`  ${row.target.display}: ${describeRow(row)}`);
    }
    if (!rows.every((r) => r.status === 'delivered')) process.exitCode = 1;
  } finally {
    await notifier.stop();
  }
}
