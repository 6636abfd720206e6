/**
 * The host's hold on the page's submission (docs/embedding.md, "Uploader details and
 * submissions"): `set-uploader` fills in the uploader's details and custom fields — those the
 * page takes are not asked again, and the answer is `uploader-set` — and the submission's close
 * is told as `submission-closed`, with the id the owner finds on /admin and in the manifest.
 * The values are checked by the submission itself, with the signer's rules; here only their
 * shape and size, so a host's mistake gets a plain `command-rejected`.
 */
import type { EmbedUploader } from '../../../protocol/embed-messages';
import type { PortalEventBody } from './embed-origin-gate';

/** What the bridge uses of the page's submission (structurally the submission session). */
export interface EmbeddableSubmission {
  prefill(
    values: EmbedUploader,
  ):
    | { ok: true; accepted: string[]; refused: Array<{ field: string; reason: string }> }
    | { ok: false; reason: 'submission-open' };
  /** Told once per submission when it closes; returns a function that stops listening. */
  onClosed(
    listener: (receipt: {
      id: string;
      closedAt: number | null;
      closedBy: 'finish' | 'idle' | null;
      files: readonly unknown[];
      failed: readonly unknown[];
      totalBytes: number;
    }) => void,
  ): () => void;
}

const DETAIL_KEYS = new Set(['name', 'email', 'organisation', 'phone']);
/** Generous bounds: the submission checks each value with the signer's own limits. */
const MAX_FIELDS = 20;
const MAX_VALUE_LENGTH = 2000;

function readUploader(command: Record<string, unknown>): EmbedUploader | string {
  const out: EmbedUploader = {};
  const { details, fields } = command;
  if (details !== undefined) {
    if (typeof details !== 'object' || details === null || Array.isArray(details)) {
      return '`details` must be an object such as { "name": "Ana", "email": "ana@example.com" }';
    }
    out.details = {};
    for (const [key, value] of Object.entries(details)) {
      if (!DETAIL_KEYS.has(key)) {
        return `\`details.${key.slice(0, 40)}\` is not a detail: use name, email, organisation or phone`;
      }
      if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
        return `\`details.${key}\` must be text of at most ${MAX_VALUE_LENGTH} characters`;
      }
      (out.details as Record<string, string>)[key] = value;
    }
  }
  if (fields !== undefined) {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      return '`fields` must be an object by label, such as { "Student ID": "2026-001" }';
    }
    const entries = Object.entries(fields);
    if (entries.length > MAX_FIELDS) return `at most ${MAX_FIELDS} fields`;
    out.fields = {};
    for (const [label, value] of entries) {
      const ok =
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH);
      if (!ok || label.length > 200) {
        return `\`fields["${label.slice(0, 40)}"]\` must be text, a number or true/false`;
      }
      out.fields[label] = value;
    }
  }
  return out;
}

export interface EmbedUploaderPart {
  /** `set-uploader` from the verified parent. */
  obey(command: Record<string, unknown>): void;
  /** The page's submission is there (the upload area loaded); returns a detach function. */
  attach(submission: EmbeddableSubmission): () => void;
}

export function createEmbedUploader(deps: {
  post(event: PortalEventBody): void;
}): EmbedUploaderPart {
  let submission: EmbeddableSubmission | null = null;
  /** The latest values sent before the submission was there: applied when it comes. */
  let pending: EmbedUploader | null = null;

  function apply(target: EmbeddableSubmission, values: EmbedUploader) {
    const outcome = target.prefill(values);
    if (outcome.ok) {
      deps.post({ type: 'uploader-set', accepted: outcome.accepted, refused: outcome.refused });
    } else {
      deps.post({
        type: 'command-rejected',
        command: 'set-uploader',
        code: 'submission-open',
        message: 'files were already sent in this submission: its details can no longer change',
      });
    }
  }

  return {
    obey(command) {
      const values = readUploader(command);
      if (typeof values === 'string') {
        deps.post({
          type: 'command-rejected',
          command: 'set-uploader',
          code: 'invalid-request',
          message: values,
        });
        return;
      }
      if (submission) apply(submission, values);
      else pending = values;
    },
    attach(target) {
      submission = target;
      if (pending) {
        apply(target, pending);
        pending = null;
      }
      const stop = target.onClosed((receipt) => {
        deps.post({
          type: 'submission-closed',
          submission: {
            id: receipt.id,
            closedBy: receipt.closedBy ?? 'finish',
            closedAt: receipt.closedAt ?? 0,
            files: receipt.files.length,
            bytes: receipt.totalBytes,
            failed: receipt.failed.length,
          },
        });
      });
      return () => {
        stop();
        if (submission === target) submission = null;
      };
    },
  };
}
