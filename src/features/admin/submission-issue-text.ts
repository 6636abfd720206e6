import {
  MAX_FOLDER_PLACEHOLDERS,
  MAX_FOLDER_SEGMENTS,
  MAX_FIELD_LABEL_LENGTH,
  MAX_FIELD_OPTION_LENGTH,
  MAX_FIELD_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MAX_TERMS_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import type { SubmissionIssue } from './submission-form-values';
import '../../i18n/catalogue-en-submissions';

/** The placeholders a folder template may use, as the owner types them. */
export const FOLDER_PLACEHOLDERS =
  '{date}, {time}, {name}, {email}, {organisation}, {phone}, {field:Label}, {submission}';
export const FOLDER_EXAMPLE = '{date}/{email}/';

/** One problem of the create form's submission settings, as a sentence naming the field. */
export function submissionIssueText(issue: SubmissionIssue, t: Translator): string {
  switch (issue.where) {
    case 'field': {
      const n = issue.index + 1;
      const max =
        issue.problem === 'no-options'
          ? MAX_FIELD_OPTIONS
          : issue.problem === 'option-long'
            ? MAX_FIELD_OPTION_LENGTH
            : MAX_FIELD_LABEL_LENGTH;
      return t.t(`admin.sub.issue.${issue.problem}`, { n, max });
    }
    case 'password':
      return t.t('admin.sub.issue.password-length', {
        min: MIN_PASSWORD_LENGTH,
        max: MAX_PASSWORD_LENGTH,
      });
    case 'terms':
      return t.t('admin.sub.issue.terms-long', { max: MAX_TERMS_LENGTH });
    case 'folderTemplate':
      return t.t(`admin.sub.issue.${issue.problem}`, {
        placeholder: issue.placeholder ?? '',
        max: issue.problem === 'template-folders' ? MAX_FOLDER_SEGMENTS : MAX_FOLDER_PLACEHOLDERS,
        placeholders: FOLDER_PLACEHOLDERS,
        example: FOLDER_EXAMPLE,
      });
  }
}
