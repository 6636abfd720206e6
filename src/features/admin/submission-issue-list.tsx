import { useI18n } from '../../i18n/use-i18n';
import type { SubmissionIssue } from './submission-form-values';
import { submissionIssueText } from './submission-issue-text';

/** The problems of one input of the submission settings, as sentences (aria-describedby). */
export function IssueList({
  issues,
  id,
  testId,
}: {
  issues: readonly SubmissionIssue[];
  id: string;
  testId: string;
}) {
  const { t } = useI18n();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="admin-form__error" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={i}>{submissionIssueText(issue, t)}</li>
      ))}
    </ul>
  );
}

/** `aria-describedby` of an input: its problems (when it has any) and its hint. */
export function describedBy(
  issues: readonly SubmissionIssue[],
  listId: string,
  hintId?: string,
): string | undefined {
  return [issues.length > 0 ? listId : null, hintId ?? null].filter(Boolean).join(' ') || undefined;
}
