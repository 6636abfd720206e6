import { z } from 'zod';
import type { StateStore } from '../state/state-store';
import type { NotifyLanguage } from './closed-submission';
import type { NotifySettings } from './notify-config';
import type { NotifyTarget } from './notify-target';
import { formatTarget, MAX_TARGETS_PER_LINK, parseTarget } from './notify-target';

/**
 * A link's notification targets and language, at `notify/targets/<linkId>.json` under the state
 * prefix: next to the link registry, never in the link token (which travels in every
 * contributor's URL). Targets are stored in their canonical text, secrets included, so the
 * state prefix must stay private (docs/deploy.md's CAM policy gives contributors no access).
 */
export interface LinkTargets {
  v: 1;
  language: NotifyLanguage;
  targets: string[];
}

const Schema = z.object({
  v: z.literal(1),
  language: z.enum(['en', 'zh-CN']),
  targets: z.array(z.string()).max(MAX_TARGETS_PER_LINK),
});

const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;
const pathOf = (linkId: string) => `notify/targets/${linkId}.json`;

export async function readLinkTargets(
  store: StateStore,
  linkId: string,
): Promise<LinkTargets | null> {
  if (!LINK_ID.test(linkId)) return null;
  const parsed = Schema.safeParse(await store.get(pathOf(linkId)));
  return parsed.success ? parsed.data : null;
}

export async function writeLinkTargets(
  store: StateStore,
  linkId: string,
  value: LinkTargets,
): Promise<void> {
  await store.put(pathOf(linkId), value);
}

export class TargetsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'TargetsError';
  }
}

/**
 * Checks targets an owner gave (CLI `--notify`, admin API) against this deployment's
 * settings; throws TargetsError listing every problem (each names the entry by position, never
 * repeating its text: it may hold a robot key).
 */
export function checkLinkTargets(
  specs: readonly string[],
  settings: NotifySettings,
): NotifyTarget[] {
  const problems: string[] = [];
  if (specs.length > MAX_TARGETS_PER_LINK) {
    problems.push(
      `A link takes at most ${MAX_TARGETS_PER_LINK} notification targets (got ${specs.length}).`,
    );
  }
  const targets: NotifyTarget[] = [];
  specs.forEach((spec, i) => {
    const parsed = parseTarget(spec, { allowPrivate: settings.allowPrivate });
    if (parsed.ok) targets.push(parsed.target);
    else problems.push(`Notification target ${i + 1}: ${parsed.message}`);
  });
  if (targets.some((t) => t.kind === 'webhook') && settings.webhookSecrets.length === 0) {
    problems.push(
      "Webhook targets need WEBHOOK_SECRET (at least 32 random characters) in the signer's environment, so receivers can check the signature.",
    );
  }
  if (problems.length) throw new TargetsError(problems);
  return targets;
}

export function linkTargetsRecord(targets: NotifyTarget[], language: NotifyLanguage): LinkTargets {
  return { v: 1, language, targets: targets.map(formatTarget) };
}
