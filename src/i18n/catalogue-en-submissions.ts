/**
 * The English words of submissions: the contributor's gates, Finish and receipt, and the
 * owner's submission settings and lists on /admin. They ship with the lazily loaded upload
 * area and admin page, not with the first paint (issue 7's budget for the initial bundle):
 * importing this module adds them to the English catalogue. The Chinese words are in
 * catalogue-zh-cn.ts with all the others (that whole catalogue is loaded lazily already).
 */
import { addEnglishWords, type PluralForms } from './catalogue-en';

export const submissionWordsEn = {
  'gate.step': 'Step {step} of {total}',
  'gate.back': 'Back',
  'gate.continue': 'Continue',
  'gate.password.title': 'This link has a password',
  'gate.password.body': 'Enter the password you were given together with this link.',
  'gate.password.label': 'Password',
  'gate.password.submit': 'Unlock',
  'gate.password.checking': 'Checking…',
  'gate.password.empty': 'Enter the password.',
  'gate.password.wrong': {
    one: 'That password is not right. {count} more try before you have to wait.',
    other: 'That password is not right. {count} more tries before you have to wait.',
  },
  'gate.password.wrongLast': 'That password is not right. You have to wait before the next try.',
  'gate.password.wait': 'Too many wrong tries. You can try again in {duration}.',
  'gate.password.again':
    'Enter the password again: the last time was more than half an hour ago, so it has to be checked again.',
  'gate.details.title': 'About you',
  'gate.details.body':
    'The person who asked for these files wants to know who sends them. These answers go with your files.',
  'gate.details.optional': '(optional)',
  'gate.details.fix': 'Please change these answers:',
  'gate.details.choose': 'Choose…',
  'gate.details.refused': 'The upload service did not accept these answers. Please check them.',
  'detail.name': 'Name',
  'detail.email': 'Email',
  'detail.organisation': 'Organisation',
  'detail.phone': 'Phone',
  'invalid.missing': 'This is required.',
  'invalid.missingBox': 'Tick this box to continue.',
  'invalid.missingChoice': 'Choose one of the options.',
  'invalid.too-long': 'This is too long: at most {max} characters.',
  'invalid.not-email': 'This is not an email address. Write it like name@example.com.',
  'invalid.not-phone': 'This is not a phone number. Write it with digits, like +86 10 1234 5678.',
  'invalid.not-number': 'This is not a number. Write it like 42 or 3.5.',
  'invalid.not-date': 'This is not a date. Write it like 2026-03-07.',
  'invalid.not-an-option': 'Choose one of the options.',
  'invalid.other': 'This answer cannot be used. Change it and try again.',
  'invalid.item': '{field}: {problem}',
  'gate.terms.title': 'Terms',
  'gate.terms.body': 'Read the terms. You can send files once you accept them.',
  'gate.terms.textLabel': 'Text of the terms',
  'gate.terms.accept': 'I have read and accept these terms',
  'gate.terms.required':
    'Tick the box to accept the terms. If you do not agree, do not send files.',
  'gate.terms.changed': 'The terms changed since you accepted them. Please read them again.',

  'finish.title': 'Done sending?',
  'finish.button': 'Finish',
  'finish.finishing': 'Finishing…',
  'finish.ready':
    'When you have sent everything, press Finish. You get a receipt listing every file.',
  'finish.idle': 'If you do not, this submission closes by itself {duration} after the last file.',
  'finish.nothing': 'Add files first. Finish becomes available once they have arrived.',
  'finish.busy': {
    one: '{count} file is still in progress. Finish when it is done, or cancel it.',
    other:
      '{count} files are still in progress. Finish when they are done, or cancel the ones you do not want to send.',
  },
  'finish.failed': {
    one: '{count} file failed. Retry it, or finish without it: your receipt lists it as failed.',
    other:
      '{count} files failed. Retry them, or finish without them: your receipt lists them as failed.',
  },
  'finish.error': 'The submission could not be finished: {reason}',
  'finish.soFar': 'Receipt so far',
  'finish.loading': 'Getting the receipt…',
  'finish.soFarError': 'The receipt could not be loaded: {reason}',

  'receipt.title': 'Receipt',
  'receipt.titleSoFar': 'Receipt so far',
  'receipt.done': 'Done. Your submission is complete, and this is your receipt.',
  'receipt.doneIdle':
    'This submission closed by itself after a while without new files. This is what was received.',
  'receipt.open': 'This submission is still open: files you add now are added to it.',
  'receipt.link': 'Upload link',
  'receipt.id': 'Submission ID',
  'receipt.started': 'Started',
  'receipt.closed': 'Finished',
  'receipt.from': 'Sent by',
  'receipt.terms': 'Terms accepted',
  'receipt.yes': 'Yes',
  'receipt.no': 'No',
  'receipt.files': 'Files',
  'receipt.name': 'File',
  'receipt.status': 'Status',
  'receipt.sizeIs': 'Size: {size}',
  'receipt.crc64Is': 'CRC-64: {crc64}',
  'receipt.size': 'Size',
  'receipt.crc64': 'CRC-64',
  'receipt.stored': 'Stored and verified',
  'receipt.failed': 'Failed: {reason}',
  'receipt.reason.not-completed': 'it did not arrive.',
  'receipt.total': {
    one: '{count} file, {size}, stored and verified.',
    other: '{count} files, {size}, stored and verified.',
  },
  'receipt.noFiles': 'No file was stored in this submission.',
  'receipt.failedCount': { one: '{count} file failed.', other: '{count} files failed.' },
  'receipt.checksum':
    'CRC-64 is a checksum of each file as stored: a copy with the same number has exactly the same bytes.',
  'receipt.print': 'Print',
  'receipt.download': 'Download the receipt',
  'receipt.hide': 'Hide the receipt',
  'receipt.new': 'Start a new submission',
  'receipt.newHint': 'Files you send next get a receipt of their own.',
  'receipt.generated': 'Receipt made on {date}',

  'admin.asks.list': 'Asks for: {items}',
  'admin.asks.optionalField': '{label} (optional)',
  'admin.asks.password': 'a password',
  'admin.asks.terms': 'acceptance of terms',
  'admin.asks.folder': 'Each submission’s files go to: {template}',
  'admin.asks.showTerms': 'Show the terms',

  'admin.subs.toggle': 'Submissions',
  'admin.subs.loading': 'Loading the submissions…',
  'admin.subs.empty': 'Nobody has sent files through this link yet.',
  'admin.subs.caption': 'Submissions of {title}',
  'admin.subs.export': 'Export all as CSV',
  'admin.subs.exporting': 'Exporting…',
  'admin.subs.col.who': 'Sent by',
  'admin.subs.col.started': 'Started',
  'admin.subs.col.files': 'Files',
  'admin.subs.col.size': 'Total',
  'admin.subs.col.state': 'State',
  'admin.subs.col.download': 'Download',
  'admin.subs.anonymous': 'No details asked',
  'admin.subs.state.open': 'Open',
  'admin.subs.state.closed': 'Closed',
  'admin.subs.show': 'Show files',
  'admin.subs.showNamed': 'Show the files sent by {who} on {date}',
  'admin.subs.filesOf': 'Files of submission {id}',
  'admin.subs.detailTitle': 'Submission {id}',
  'admin.subs.closedWhen': '{date} ({how})',
  'admin.subs.closedBy.finish': 'finished by the sender',
  'admin.subs.closedBy.idle': 'closed after a while without new files',
  'admin.subs.manifest': 'Manifest',
  'admin.subs.userAgent': 'Browser',
  'admin.subs.download': 'Download',
  'admin.subs.downloadNamed': 'Download {name}',
  'admin.subs.linksValid':
    'Download links work until {date}; new ones are fetched while this is open.',
  'admin.subs.renew': 'Get new links now',
  'admin.subs.failedTitle': 'Files that failed',
  'admin.subs.failedItem': '{name} ({size}): {reason}',
  'admin.subs.close': 'Hide the files',
  'admin.subs.notFound': 'This link has no submission with that ID.',
  'admin.subs.linkMissing':
    'The address you opened names a link ({id}) that is not in this list. It may belong to another portal.',

  'admin.sub.legend': 'People who upload',
  'admin.sub.intro':
    'Optional. What to ask before anyone can upload, and where each person’s files go. Leave it all empty for a link anyone with the address can use.',
  'admin.sub.ask': 'Ask for these details (all required)',
  'admin.sub.fields': 'Your own questions',
  'admin.sub.noFields': 'No questions of your own.',
  'admin.sub.fieldTitle': 'Question {n}',
  'admin.sub.fieldLabel': 'Label',
  'admin.sub.fieldType': 'Answer type',
  'admin.sub.fieldOptions': 'Choices, one per line',
  'admin.sub.fieldRequired': 'Required',
  'admin.sub.fieldMustTick': 'Must be ticked',
  'admin.sub.addField': 'Add a question',
  'admin.sub.removeField': 'Remove question {n}',
  'admin.sub.type.text': 'Text',
  'admin.sub.type.email': 'Email address',
  'admin.sub.type.number': 'Number',
  'admin.sub.type.date': 'Date',
  'admin.sub.type.select': 'Choice from a list',
  'admin.sub.type.checkbox': 'Tick box',
  'admin.sub.password': 'Password (optional)',
  'admin.sub.passwordHint':
    'Give it to the people who upload separately from the link. It is stored only as a slow hash and never shown again.',
  'admin.sub.terms': 'Terms to accept (optional)',
  'admin.sub.termsHint': 'Plain text. Each person must tick a box to accept it before uploading.',
  'admin.sub.folder': 'Folder for each submission (optional)',
  'admin.sub.folderHint':
    'Inside the link’s folder, e.g. {example}. Placeholders: {placeholders}. Empty: one folder per submission.',
  'admin.sub.issue.label-empty': 'Question {n}: give it a label, e.g. “Student ID”.',
  'admin.sub.issue.label-long': 'Question {n}: a label has at most {max} characters.',
  'admin.sub.issue.label-chars':
    'Question {n}: a label cannot contain the characters { } : | or line breaks.',
  'admin.sub.issue.label-twice': 'Question {n}: another question already has this label.',
  'admin.sub.issue.no-options':
    'Question {n}: a choice from a list needs 1 to {max} choices, one per line, e.g. Arts and Science on two lines.',
  'admin.sub.issue.option-long': 'Question {n}: each choice has at most {max} characters.',
  'admin.sub.issue.option-twice': 'Question {n}: a choice is listed twice.',
  'admin.sub.issue.password-length':
    'The password needs {min} to {max} characters, e.g. a short phrase such as “blue river 42”.',
  'admin.sub.issue.terms-long': 'The terms can have at most {max} characters.',
  'admin.sub.issue.placeholder-unknown':
    'Folder: {placeholder} is not a placeholder. Use {placeholders}, e.g. {example}.',
  'admin.sub.issue.placeholder-unasked':
    'Folder: {placeholder} needs an answer the link does not ask for. Ask for it above, or leave it out.',
  'admin.sub.issue.template-long':
    'Folder: the template is too long. Keep it short, e.g. {example}.',
  'admin.sub.issue.template-dots':
    'Folder: the template must stay inside the link’s folder: no leading “/”, no “.” or “..” folders. E.g. {example}.',
  'admin.sub.issue.template-placeholders':
    'Folder: at most {max} placeholders in one template, e.g. {example}.',
  'admin.sub.issue.template-chars':
    'Folder: {placeholder} cannot be part of a folder name (nor control characters or \\ < > : " | ? * %). E.g. {example}.',
  'admin.sub.issue.template-folders': 'Folder: at most {max} folders deep, e.g. {example}.',
  'admin.sub.issue.template-empty-folder':
    'Folder: “//” makes a folder without a name; write one “/” between folders, e.g. {example}.',
} satisfies Record<string, string | PluralForms>;

addEnglishWords(submissionWordsEn);
