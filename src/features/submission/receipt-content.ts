import type { FieldValue, SubmissionReceipt } from '../../../protocol/submissions';
import { DETAIL_NAMES } from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import '../../i18n/catalogue-en-submissions';

/**
 * A receipt as words, once: the page shows it, prints it and saves it from this, so the three
 * never disagree. Names, details and field values are the sender's own text: they are only
 * ever put in as text (React escapes them; the saved document escapes them itself).
 */
export interface ReceiptContent {
  title: string;
  facts: Array<{ label: string; value: string; mono?: boolean }>;
  /** Who sent it: details and custom fields, one line each. */
  sender: Array<{ label: string; value: string }>;
  files: Array<{
    name: string;
    size: string;
    crc64: string | null;
    status: string;
    ok: boolean;
  }>;
  /** "3 files, 1.2 MB, stored and verified." and failures. */
  totals: string[];
  checksumNote: string;
}

function valueText(value: FieldValue, t: Translator): string {
  if (typeof value === 'boolean') return value ? t.t('receipt.yes') : t.t('receipt.no');
  return typeof value === 'number' ? t.number(value) : value;
}

export function failureText(reason: string, t: Translator): string {
  return reason === 'not-completed' ? t.t('receipt.reason.not-completed') : t.error(reason).what;
}

export function receiptContent(
  receipt: SubmissionReceipt,
  options: { linkTitle: string; soFar: boolean },
  t: Translator,
): ReceiptContent {
  const facts: ReceiptContent['facts'] = [];
  if (options.linkTitle.trim())
    facts.push({ label: t.t('receipt.link'), value: options.linkTitle });
  facts.push({ label: t.t('receipt.id'), value: receipt.id, mono: true });
  facts.push({ label: t.t('receipt.started'), value: t.dateTime(receipt.startedAt) });
  if (receipt.closedAt !== null) {
    facts.push({ label: t.t('receipt.closed'), value: t.dateTime(receipt.closedAt) });
  }
  if (receipt.terms) {
    facts.push({ label: t.t('receipt.terms'), value: t.dateTime(receipt.terms.acceptedAt) });
  }
  const sender: ReceiptContent['sender'] = [];
  for (const name of DETAIL_NAMES) {
    const value = receipt.uploader[name];
    if (value) sender.push({ label: t.t(`detail.${name}`), value });
  }
  for (const [label, value] of Object.entries(receipt.fields)) {
    sender.push({ label, value: valueText(value, t) });
  }
  const files: ReceiptContent['files'] = [
    ...receipt.files.map((f) => ({
      name: f.name,
      size: t.bytes(f.size),
      crc64: f.crc64,
      status: t.t('receipt.stored'),
      ok: true,
    })),
    ...receipt.failed.map((f) => ({
      name: f.name,
      size: t.bytes(f.size),
      crc64: null,
      status: t.t('receipt.failed', { reason: failureText(f.reason, t) }),
      ok: false,
    })),
  ];
  const totals =
    receipt.files.length > 0
      ? [t.plural('receipt.total', receipt.files.length, { size: t.bytes(receipt.totalBytes) })]
      : [t.t('receipt.noFiles')];
  if (receipt.failed.length > 0)
    totals.push(t.plural('receipt.failedCount', receipt.failed.length));
  return {
    title: options.soFar ? t.t('receipt.titleSoFar') : t.t('receipt.title'),
    facts,
    sender,
    files,
    totals,
    checksumNote: t.t('receipt.checksum'),
  };
}
