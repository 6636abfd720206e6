import type { DeliveryProblem } from '../../protocol/admin';

export type { DeliveryProblem };

/**
 * A delivery problem in English: the journal's `error`, the signer's log line and the CLI's
 * delivery list. /admin words the same code in the owner's language
 * (src/features/admin/delivery-problem-text.ts).
 */
export function problemText(problem: DeliveryProblem): string {
  const text = attemptText(problem);
  if (problem.gaveUpAfterHours === undefined) return text;
  const last = problem.code === 'no-report' ? text : `last: ${text}`;
  return `gave up after ${problem.gaveUpAfterHours} h of retries (${last})`;
}

function attemptText({ code, detail }: DeliveryProblem): string {
  switch (code) {
    case 'no-webhook-secret':
      return 'WEBHOOK_SECRET is not set';
    case 'target-gone':
      return 'the target is no longer in NOTIFY_DEFAULT';
    case 'target-not-allowed':
      return 'the target is not allowed by this configuration';
    case 'not-https':
      return 'refused: only https addresses are allowed';
    case 'no-address':
      return 'refused: the host name has no address';
    case 'blocked-address':
      return `refused: the host resolves to a ${detail ?? 'non-public'} address`;
    case 'timeout':
      return 'timed out';
    case 'network':
      return `network error ${detail ?? ''}`.trim();
    case 'no-result-code':
      return 'the answer carried no result code';
    case 'rate-limited':
      return `rate limited (code ${detail ?? '?'})`;
    case 'service-refused':
      return `refused by the service (code ${detail ?? '?'})`;
    case 'redirect':
      return `HTTP ${detail ?? '3xx'}: redirects are not followed`;
    case 'http':
      return `HTTP ${detail ?? '?'}`;
    case 'smtp-login':
      return 'SMTP login failed (EAUTH)';
    case 'smtp':
      return `SMTP ${detail ?? 'error'}`;
    case 'no-report':
      return 'last attempt did not report back';
  }
}
