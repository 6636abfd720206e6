/**
 * The English catalogue: every word the portal shows. It defines the shape every other
 * language must match exactly (see `Catalogue`). Placeholders are `{name}`; numbers passed
 * as parameters are formatted for the locale. Plural entries have one form per CLDR plural
 * category we use; the count is always available as `{count}`.
 */
import type { ErrorCode } from '../../protocol/error-codes';
import {
  LINK_ISSUE_PROBLEMS_EN,
  LINK_ISSUE_SUGGESTION_EN,
} from '../../protocol/link-setting-words-en';

export interface PluralForms {
  one: string;
  other: string;
}

/** What happened, and what the person can do about it: plain words, no jargon. */
export interface ErrorText {
  what: string;
  todo: string;
}

export type ErrorKey = ErrorCode | 'unknown';

const messages = {
  'app.name': 'Upload portal',
  'app.tagline': 'Files go straight to private cloud storage and are checked on arrival.',

  'settings.label': 'Display settings',
  'settings.language': 'Language',
  'settings.theme': 'Theme',
  'theme.system': 'Same as device',
  'theme.light': 'Light',
  'theme.dark': 'Dark',

  'landing.title': 'Send files with an upload link',
  'landing.body':
    'This page receives files for people who share an upload link with you. To send files, open the link you were given. It looks like {example}',
  'landing.stepsTitle': 'How it works',
  'landing.step1': 'Open the upload link you received.',
  'landing.step2': 'Drop your files or folders onto the page, or choose them from your device.',
  'landing.step3': 'Each file is checked after it arrives, so you know it landed complete.',
  'landing.noLink': 'No link? Ask the person who wants to receive your files to send you one.',

  'notFound.title': 'Page not found',
  'notFound.body':
    'There is nothing at this address. If you were given an upload link, check that you copied all of it.',
  'notFound.home': 'Go to the start page',

  'crash.title': 'Something went wrong on this page',
  'crash.body':
    'Files that already finished uploading are safe. Reload the page to add more files.',
  'crash.reload': 'Reload the page',

  'config.title': 'This upload page is not set up correctly',
  'config.body':
    'The page could not read its settings file ({file}). This is a problem with the website, not with your files. Please tell the person who sent you the link.',
  'config.problem.unreachable': 'The settings file could not be loaded ({detail}).',
  'config.problem.status': 'The server answered with status {status} for the settings file.',
  'config.problem.notJson': 'The settings file is not valid JSON.',
  'config.problem.invalid': 'The settings file contains values the page cannot use:',
  'config.reload': 'Reload',

  'link.loading': 'Opening the upload link…',
  'link.loadFailed': 'The upload link could not be opened',
  'link.retry': 'Try again',
  'link.retrying': 'Trying again…',
  'link.limitsTitle': 'What you can send',
  'link.limits.files': { one: 'Up to {count} file', other: 'Up to {count} files' },
  'link.limits.fileSize': '{size} each',
  'link.limits.totalSize': '{size} in total',
  'link.limits.types': '{types}',
  'link.limits.none': 'Any files, up to the storage maximum',
  'link.type.image': 'images',
  'link.type.video': 'videos',
  'link.type.audio': 'audio',
  'link.type.text': 'text files',
  'link.type.pdf': 'PDF',
  'link.usage': 'Already received: {files}, {size}',
  'link.expiresIn': 'Link valid for {duration}',
  'link.expiresAt': 'until {date}',
  'link.noExpiry': 'This link does not expire.',
  'link.expired':
    'This link has expired. Files that already arrived are safe, but no new files can be added.',
  'link.embeddedVia': 'Secure upload page of {origin}',
  'embed.checking': 'Connecting to this website…',
  'embed.blocked.title': 'This upload form cannot be shown on this website',
  'embed.blocked.body':
    'The owner of the upload link has not allowed it to be embedded here. Ask the person who sent you the link for a direct link to open in your browser.',

  'count.files': { one: '{count} file', other: '{count} files' },
  'list.separator': ', ',

  'dropzone.label': 'Drop files here or choose files to upload',
  'dropzone.prompt': 'Drop files or folders here',
  'dropzone.or': 'or',
  'dropzone.choose': 'Choose files',
  'dropzone.active': 'Release to add these files',
  'dropzone.hint':
    'Press Enter or Space to choose files. You can also paste files anywhere on this page.',
  'dropzone.disabled': 'New files cannot be added because this link has expired.',
  'dropzone.inputLabel': 'Files to upload',
  'dropzone.reading': 'Reading the files…',
  'dropzone.chooseFolder': 'Choose a folder',
  'dropzone.folderInputLabel': 'Folder to upload',
  'dropzone.takePhoto': 'Take a photo',
  'dropzone.cameraInputLabel': 'Photo to upload',

  'intake.junk': {
    one: 'Skipped {count} system file ({names}). Your computer makes these for itself; they are not needed.',
    other:
      'Skipped {count} system files ({names}). Your computer makes these for itself; they are not needed.',
  },
  'intake.unreadable': {
    one: '{count} file or folder could not be read and was left out. Check it still exists, then add it again.',
    other:
      '{count} files or folders could not be read and were left out. Check they still exist, then add them again.',
  },
  'intake.duplicates': {
    one: '{count} file was already added on this page: {names}.',
    other: '{count} files were already added on this page: {names}.',
  },
  'intake.duplicatesQuestion': 'Upload a second copy?',
  'intake.addAgain': { one: 'Upload it again', other: 'Upload them again' },
  'intake.skipDuplicates': { one: 'Skip it', other: 'Skip them' },
  'intake.andMore': { one: '{count} more', other: '{count} more' },
  'intake.dismiss': 'Dismiss',

  'overall.title': 'Your uploads',
  'overall.filesDone': {
    one: '{done} of {total} file uploaded',
    other: '{done} of {total} files uploaded',
  },
  'overall.bytes': '{sent} of {total} sent',
  'overall.timeLeft': 'about {duration} left',
  'overall.failed': { one: '{count} failed', other: '{count} failed' },
  'overall.rejected': { one: '{count} not accepted', other: '{count} not accepted' },
  'overall.progressLabel': 'Overall upload progress',
  'overall.pauseAll': 'Pause all',
  'overall.resumeAll': 'Resume all',
  'overall.retryFailed': 'Retry failed',
  'overall.cancelAll': 'Cancel all',
  'overall.clearFinished': 'Clear finished',
  'overall.confirmCancel':
    'Cancel every upload that has not finished? Files that already arrived stay where they are.',
  'overall.confirmCancelYes': 'Yes, cancel them',
  'overall.confirmCancelNo': 'No, keep uploading',
  'overall.offline': 'You are offline — uploads will continue when the connection is back.',

  'list.label': 'Files',
  'list.labelFiltered': 'Files: {filter}',

  'filter.label': 'Show files',
  'filter.all': 'All',
  'filter.active': 'In progress',
  'filter.failed': 'Failed',
  'filter.done': 'Done',
  'filter.rejected': 'Not accepted',
  'filter.empty': 'No files here right now.',
  'filter.showAll': 'Show all files',

  'rejected.title': 'Files that were not accepted',
  'rejected.file-too-large': {
    one: '{count} file is larger than {limit}.',
    other: '{count} files are larger than {limit}.',
  },
  'rejected.file-type-not-allowed': {
    one: '{count} file is of a type this link does not accept.',
    other: '{count} files are of a type this link does not accept.',
  },
  'rejected.too-many-files': {
    one: '{count} file is beyond the {limit} files this link accepts.',
    other: '{count} files are beyond the {limit} files this link accepts.',
  },
  'rejected.quota-exceeded': {
    one: '{count} file does not fit into the {limit} this link accepts.',
    other: '{count} files do not fit into the {limit} this link accepts.',
  },
  'rejected.other': {
    one: '{count} file was not accepted: {reason}',
    other: '{count} files were not accepted: {reason}',
  },
  'rejected.show': 'Show which',
  'rejected.showing': 'Shown in the list below.',

  'summary.title': 'Finished',
  'summary.done': {
    one: '{count} file ({size}) arrived and was verified in {duration}.',
    other: '{count} files ({size}) arrived and were verified in {duration}.',
  },
  'summary.none': 'No file arrived.',
  'summary.cancelled': { one: '{count} cancelled', other: '{count} cancelled' },
  'summary.listHint': 'The list names each file that arrived and where it is stored (its key).',
  'summary.copy': 'Copy list',
  'summary.download': 'Download list (CSV)',
  'summary.copied': {
    one: 'Copied the list of {count} file.',
    other: 'Copied the list of {count} files.',
  },
  'summary.copyFailed': 'This browser did not allow copying. Download the list instead.',

  'status.queued': 'Waiting',
  'status.signing': 'Preparing',
  'status.uploading': 'Uploading',
  'status.paused': 'Paused',
  'status.verifying': 'Checking',
  'status.done': 'Arrived and verified',
  'status.failed': 'Failed',
  'status.cancelled': 'Cancelled',
  'status.rejected': 'Not accepted',

  'row.folder': 'Folder',
  'row.progressLabel': 'Upload progress of {name}',
  'row.urlValid': 'URL valid for {duration}',
  'row.urlRenewing': 'URL expired, getting a new one',
  'row.attempt': 'Attempt {count}',
  'row.parts': '{done} of {total} parts',
  'row.retryingIn': 'Trying again in {duration}',
  'row.limit': 'Limit: {limit}',
  'row.requestId': 'Request ID: {id}',
  'row.typeJudged': 'Going by its name, this file is {type}.',
  'row.typeActive':
    'Files of type {type} can run code when a browser opens them, so this link takes them only if its owner lists that type by name.',
  'row.cancel': 'Cancel',
  'row.pause': 'Pause',
  'row.resume': 'Resume',
  'row.retry': 'Retry',
  'row.cancelNamed': 'Cancel {name}',
  'row.pauseNamed': 'Pause {name}',
  'row.resumeNamed': 'Resume {name}',
  'row.retryNamed': 'Retry {name}',

  'announce.added': { one: '{count} file added', other: '{count} files added' },
  'announce.done': { one: '{count} file done', other: '{count} files done' },
  'announce.failed': { one: '{count} failed', other: '{count} failed' },
  'announce.rejected': { one: '{count} not accepted', other: '{count} not accepted' },
  'announce.offline': 'Offline. Uploads are waiting for the connection.',
  'announce.online': 'Back online. Uploads continue.',
  'announce.skipped': { one: '{count} system file skipped', other: '{count} system files skipped' },

  'admin.title': 'Upload links and bucket',
  'admin.intro':
    'For the owner of this portal: create and withdraw upload links, and check that browsers can upload to the bucket.',
  'admin.token.label': 'Admin token',
  'admin.token.submit': 'Open',
  'admin.token.note':
    'The token (ADMIN_TOKEN on the server) stays in this tab only and is forgotten when you reload or close it.',
  'admin.token.wrong': 'This admin token is not right.',
  'admin.token.disabled':
    'The admin functions are switched off on this server. Set ADMIN_TOKEN there to use this page.',
  'admin.lock': 'Forget the token',
  'admin.failed': 'That did not work: {reason}',

  'admin.selftest.title': 'Bucket check',
  'admin.selftest.body':
    'Uploads a tiny test file from this page exactly as a contributor’s browser would, and checks the bucket’s CORS rules.',
  'admin.selftest.run': 'Run the bucket check',
  'admin.selftest.running': 'Checking…',
  'admin.selftest.passed': 'All checks passed: browsers can upload to this bucket.',
  'admin.selftest.failedTitle': 'Some checks failed. What to fix:',
  'admin.selftest.step.preflight': 'The bucket lets this page ({origin}) send uploads',
  'admin.selftest.step.put': 'A test file was uploaded from this page',
  'admin.selftest.step.etag': 'This page can read the upload’s ETag',
  'admin.selftest.step.crc64': 'This page can read the upload’s CRC64 checksum, and it matches',
  'admin.selftest.step.stored': 'The test file arrived in the bucket and was removed again',
  'admin.selftest.passedStep': 'passed',
  'admin.selftest.failedStep': 'failed',
  'admin.selftest.fix.origin-not-allowed':
    'No CORS rule of the bucket allows {origin}. Add a rule with AllowedOrigin {origin} (npm run cos:setup does this).',
  'admin.selftest.fix.put-not-allowed':
    'A CORS rule matches {origin} but does not allow PUT. Add PUT to its AllowedMethod.',
  'admin.selftest.fix.headers-not-allowed':
    'PUT is allowed, but not the headers an upload sends (content-type, content-disposition, x-cos-acl, x-cos-forbid-overwrite, x-cos-meta-filename). Set AllowedHeader to *.',
  'admin.selftest.fix.etag-not-exposed':
    'ETag is missing from ExposeHeader, so large files (sent in parts) cannot finish. Add ETag to ExposeHeader, in the first rule that matches.',
  'admin.selftest.fix.crc64-not-exposed':
    'x-cos-hash-crc64ecma is missing from ExposeHeader, so this page cannot check uploads itself. Add it to ExposeHeader.',
  'admin.selftest.fix.endpoint-unreachable':
    'The storage service did not answer. Check the bucket, the region and COS_DOMAIN.',
  'admin.selftest.fix.put-failed':
    'The storage service refused the test upload ({detail}). Check the signer’s key and its permissions.',

  'admin.links.title': 'Upload links',
  'admin.links.loading': 'Loading the links…',
  'admin.links.empty': 'No upload links yet.',
  'admin.links.refresh': 'Refresh',
  'admin.links.untitled': '(no title)',
  'admin.links.state.open': 'Open',
  'admin.links.state.expired': 'Expired',
  'admin.links.state.revoked': 'Revoked',
  'admin.links.usedFiles': '{files} of {max}',
  'admin.links.usedBytes': '{size} of {max}',
  'admin.links.inFlight': '{files} in progress',
  'admin.links.unverified': {
    one: '{count} file ({size}) arrived but was never verified.',
    other: '{count} files ({size}) arrived but were never verified.',
  },
  'admin.links.unverifiedHint':
    'They landed in the link’s folder but were never completed (for example, the page was closed). Look at them in the bucket; npm run cos:cleanup lists them and removes them when you ask it to.',
  'admin.links.unverifiedUnknown':
    'Could not check for files that were never verified: the signer’s key may not list the upload folder.',
  'admin.links.expires': 'Valid until {date}',
  'admin.links.noExpiry': 'No end date',
  'admin.links.revokedAt': 'Revoked on {date}',
  'admin.links.address': 'Address of {title}',
  'admin.links.noUrl': 'Made with an older key: the address is not shown.',
  'admin.links.copy': 'Copy',
  'admin.links.copied': 'Copied',
  'admin.links.revoke': 'Revoke',
  'admin.links.revokeConfirm':
    'Revoke “{title}”? Nobody can start an upload with it any more; files already on their way may still finish, and are counted. Files already received stay. This cannot be undone.',
  'admin.links.revokeYes': 'Yes, revoke it',
  'admin.links.revokeNo': 'Keep it',

  'admin.create.title': 'New upload link',
  'admin.create.name': 'Title',
  'admin.create.message': 'Message for the people uploading',
  'admin.create.days': 'Valid for (days)',
  'admin.create.maxFiles': 'Most files in total',
  'admin.create.maxFileSize': 'Largest file (MB)',
  'admin.create.maxTotal': 'Most data in total (MB)',
  'admin.create.types': 'Allowed types, e.g. image/*, .pdf',
  'admin.create.hint':
    'Leave a field empty for no limit. Sizes are in MB (1 MB = 1,000,000 bytes); you can also type a unit, such as 500 kB or 2 GB.',
  'admin.create.submit': 'Create the link',
  'admin.create.creating': 'Creating…',
  'admin.create.created': 'Link created. Send this address to the people who should upload:',
  'admin.create.invalid': 'These settings are not valid: {reason}',
  'admin.create.embedOrigins': 'Sites that may embed this link (optional)',
  'admin.create.embedOriginsHint':
    'The origins of your own pages, separated by commas, such as https://forms.example.org. Only they may show the upload box in a frame; leave empty for a link people open themselves.',
  'admin.create.fix': 'Some settings need a change: see the marked fields.',
  'admin.create.embedCode': 'Code for your page (shows the upload box)',
  'admin.links.embedOrigins': 'Can be embedded on {origins}',
  'admin.issue.field.title': 'Title',
  'admin.issue.field.message': 'Message',
  'admin.issue.field.expires': 'Valid for (days)',
  'admin.issue.field.maxFileSize': 'Largest file',
  'admin.issue.field.maxTotalBytes': 'Most data in total',
  'admin.issue.field.maxFiles': 'Most files in total',
  'admin.issue.field.allowedTypes': 'Allowed types',
  'admin.issue.field.embedOrigins': 'Sites that may embed this link',
  'admin.issue.field.notify': 'Tell me when files arrive',
  'admin.issue.not-text': LINK_ISSUE_PROBLEMS_EN['not-text'],
  'admin.issue.too-long': LINK_ISSUE_PROBLEMS_EN['too-long'],
  'admin.issue.not-a-duration': LINK_ISSUE_PROBLEMS_EN['not-a-duration'],
  'admin.issue.too-long-lived': LINK_ISSUE_PROBLEMS_EN['too-long-lived'],
  'admin.issue.not-a-size': LINK_ISSUE_PROBLEMS_EN['not-a-size'],
  'admin.issue.not-a-count': LINK_ISSUE_PROBLEMS_EN['not-a-count'],
  'admin.issue.zero': LINK_ISSUE_PROBLEMS_EN['zero'],
  'admin.issue.type-no-dot': LINK_ISSUE_PROBLEMS_EN['type-no-dot'],
  'admin.issue.type-invalid': LINK_ISSUE_PROBLEMS_EN['type-invalid'],
  'admin.issue.too-many': LINK_ISSUE_PROBLEMS_EN['too-many'],
  'admin.issue.origin-empty': LINK_ISSUE_PROBLEMS_EN['origin-empty'],
  'admin.issue.origin-not-a-url': LINK_ISSUE_PROBLEMS_EN['origin-not-a-url'],
  'admin.issue.origin-scheme': LINK_ISSUE_PROBLEMS_EN['origin-scheme'],
  'admin.issue.origin-wildcard': LINK_ISSUE_PROBLEMS_EN['origin-wildcard'],
  'admin.issue.origin-userinfo': LINK_ISSUE_PROBLEMS_EN['origin-userinfo'],
  'admin.issue.origin-path': LINK_ISSUE_PROBLEMS_EN['origin-path'],
  'admin.issue.origin-query': LINK_ISSUE_PROBLEMS_EN['origin-query'],
  'admin.issue.origin-fragment': LINK_ISSUE_PROBLEMS_EN['origin-fragment'],
  'admin.issue.origin-host': LINK_ISSUE_PROBLEMS_EN['origin-host'],
  'admin.issue.notify-target': LINK_ISSUE_PROBLEMS_EN['notify-target'],
  'admin.issue.suggestion': LINK_ISSUE_SUGGESTION_EN,
  'admin.create.notify': 'Tell me when files arrive (one target per line, optional)',
  'admin.create.notifyHint':
    'A target is an https:// webhook, wecom:<robot address>, dingtalk:<robot address>#<secret>, feishu:<bot address>, slack:<webhook address> or mailto:you@example.com. Messages are written in the language of this page.',

  'admin.notify.toggle': 'Notifications',
  'admin.notify.loading': 'Loading the notifications…',
  'admin.notify.targets': 'Where notifications go',
  'admin.notify.noTargets': 'Nobody is told when files arrive through this link.',
  'admin.notify.fromDefault': '(for every link)',
  'admin.notify.sendTest': 'Send a test event',
  'admin.notify.sending': 'Sending…',
  'admin.notify.sent': {
    one: 'Test event sent to {count} target. Its delivery shows below.',
    other: 'Test event sent to {count} targets. Their deliveries show below.',
  },
  'admin.notify.log': 'Deliveries, newest first',
  'admin.notify.noDeliveries': 'Nothing sent yet.',
  'admin.notify.col.event': 'Event',
  'admin.notify.col.target': 'Target',
  'admin.notify.col.attempts': 'Attempts',
  'admin.notify.col.status': 'Last status',
  'admin.notify.col.next': 'Next try',
  'admin.notify.type.completed': 'Files received',
  'admin.notify.type.test': 'Test event',
  'admin.notify.status.pending': 'Waiting',
  'admin.notify.status.delivering': 'Sending now',
  'admin.notify.status.retrying': 'Will try again',
  'admin.notify.status.delivered': 'Delivered',
  'admin.notify.status.failed': 'Failed',
  'admin.notify.problem.no-webhook-secret':
    'The server has no WEBHOOK_SECRET set, so webhooks cannot be signed.',
  'admin.notify.problem.target-gone': 'This target is no longer in the server’s NOTIFY_DEFAULT.',
  'admin.notify.problem.target-not-allowed':
    'The server’s configuration no longer allows this target.',
  'admin.notify.problem.not-https': 'Refused: only https addresses are allowed.',
  'admin.notify.problem.no-address': 'Refused: the host name has no address.',
  'admin.notify.problem.blocked-address':
    'Refused: the host resolves to a non-public address ({detail}).',
  'admin.notify.problem.timeout': 'No answer within 10 seconds.',
  'admin.notify.problem.network': 'Could not reach the receiver ({detail}).',
  'admin.notify.problem.no-result-code':
    'The service answered without the result code it documents.',
  'admin.notify.problem.rate-limited': 'The service asked to slow down (code {detail}).',
  'admin.notify.problem.service-refused': 'The service refused the message (code {detail}).',
  'admin.notify.problem.redirect':
    'The receiver answered with a redirect ({detail}); redirects are not followed.',
  'admin.notify.problem.http': 'The receiver answered HTTP {detail}.',
  'admin.notify.problem.smtp-login': 'The mail server refused the login in SMTP_URL.',
  'admin.notify.problem.smtp': 'The mail server answered {detail}.',
  'admin.notify.problem.no-report': 'The last attempt never reported back.',
  'admin.notify.problem.gaveUp': 'Gave up after {hours} hours of retries. Last problem: {last}',

  'resume.title': {
    one: '{count} upload from your last visit is not finished',
    other: '{count} uploads from your last visit are not finished',
  },
  'resume.body': {
    one: 'Drop or choose the same file again to continue where it stopped. Parts already sent are not sent again.',
    other:
      'Drop or choose the same files again to continue where they stopped. Parts already sent are not sent again.',
  },
  'resume.item': '{name} ({size}, {done} of {total} parts sent)',
  'resume.forget': { one: 'Forget it', other: 'Forget them' },
  'resume.confirmForget': {
    one: 'Forget this upload? The parts already sent will be deleted.',
    other: 'Forget these {count} uploads? The parts already sent will be deleted.',
  },
  'resume.forgetYes': 'Yes, forget',
  'resume.keep': 'No, keep',
};

const errors = {
  'invalid-request': {
    what: 'The upload service did not understand a request from this page.',
    todo: 'Reload the page and try again. If it keeps happening, tell the person who sent you the link.',
  },
  'payload-too-large': {
    what: 'A request from this page was too large for the upload service.',
    todo: 'Try again with fewer files at once.',
  },
  'link-missing': {
    what: 'This address does not contain an upload link.',
    todo: 'Open the full link you were sent. If part of it was cut off, copy it again.',
  },
  'link-malformed': {
    what: 'This upload link is incomplete or mistyped.',
    todo: 'Copy the whole link again from the message you received, or ask the sender to send it again.',
  },
  'link-tampered': {
    what: 'This upload link has been changed and is no longer valid.',
    todo: 'Use the link exactly as you received it, or ask the sender for a new one.',
  },
  'link-expired': {
    what: 'This upload link has expired.',
    todo: 'Ask the person who sent it for a new link.',
  },
  'link-revoked': {
    what: 'This upload link has been switched off by its owner.',
    todo: 'Ask the person who sent it whether they still want your files, and for a new link.',
  },
  'file-too-large': {
    what: 'This file is larger than this link allows.',
    todo: 'Make the file smaller, for example by compressing or splitting it, or ask the owner to raise the limit.',
  },
  'file-type-not-allowed': {
    what: 'This kind of file is not accepted by this link.',
    todo: 'Check which file types are allowed, or save the file in one of them.',
  },
  'too-many-files': {
    what: 'This link does not accept any more files.',
    todo: 'Send fewer files, or ask the owner to allow more.',
  },
  'quota-exceeded': {
    what: 'The storage allowance of this link is used up.',
    todo: 'Ask the owner of the link for more space or for a new link.',
  },
  'ticket-invalid': {
    what: 'The upload permission for this file is no longer valid.',
    todo: 'Press Retry to start this file again.',
  },
  'upload-not-found': {
    what: 'The storage no longer has the unfinished upload of this file.',
    todo: 'Press Retry to send the file again from the start.',
  },
  'object-missing': {
    what: 'The file did not arrive in storage.',
    todo: 'Press Retry to send it again.',
  },
  'size-mismatch': {
    what: 'The stored file has a different size from the one on your device.',
    todo: 'Press Retry to send it again, and do not change the file while it uploads.',
  },
  'checksum-mismatch': {
    what: 'The stored file is not an exact copy of the one on your device.',
    todo: 'Press Retry to send it again, and do not change the file while it uploads.',
  },
  'rate-limited': {
    what: 'Too many requests were sent in a short time.',
    todo: 'Wait a moment. Uploads continue by themselves; press Retry if a file stopped.',
  },
  'origin-not-allowed': {
    what: 'This upload link cannot be used from this website.',
    todo: 'Open the link directly, or tell the owner of the website that shows this page.',
  },
  'password-required': {
    what: 'This link needs its password, or the password given was not right.',
    todo: 'Type the password the owner gave you. After several wrong tries, wait before trying again.',
  },
  'uploader-details-required': {
    what: 'Some of the details this link asks for are missing or not valid.',
    todo: 'Fill in every required field, then send the files again.',
  },
  'terms-not-accepted': {
    what: 'The terms of this link have not been accepted.',
    todo: 'Read the terms and tick the box to accept them, then send the files again.',
  },
  'submission-required': {
    what: 'This link files uploads by sender, and this page did not start a submission.',
    todo: 'Reload the page and start again.',
  },
  'submission-invalid': {
    what: 'This page is sending files for a submission the upload service does not recognise.',
    todo: 'Reload the page and start again.',
  },
  'submission-closed': {
    what: 'This submission is already closed: it was finished, or nothing happened for a while.',
    todo: 'Start a new submission to send more files.',
  },
  unauthorized: {
    what: 'The upload service did not accept the permission of this page.',
    todo: 'Open the link you were sent again. If it keeps happening, ask for a new link.',
  },
  'not-found': {
    what: 'The upload service could not find what this page asked for.',
    todo: 'Reload the page. If it keeps happening, tell the person who sent you the link.',
  },
  'storage-error': {
    what: 'The storage service had a problem.',
    todo: 'Press Retry in a little while.',
  },
  'internal-error': {
    what: 'The upload service had an unexpected problem.',
    todo: 'Press Retry in a little while. If it keeps happening, tell the person who sent you the link.',
  },
  'network-error': {
    what: 'The connection was interrupted.',
    todo: 'Check your internet connection, then press Retry.',
  },
  timeout: {
    what: 'The answer took too long to arrive.',
    todo: 'Press Retry. A slow or busy connection can cause this.',
  },
  stalled: {
    what: 'The upload stopped making progress.',
    todo: 'Press Retry. On a slow connection, send fewer files at once.',
  },
  offline: {
    what: 'Your device is offline.',
    todo: 'Uploads continue when the connection is back.',
  },
  'url-expired': {
    what: 'The upload permission for this file ran out before the file finished.',
    todo: 'Press Retry; a fresh permission is requested automatically.',
  },
  'signature-mismatch': {
    what: 'The storage refused the upload permission for this file.',
    todo: 'Press Retry. If it fails again, tell the person who sent you the link.',
  },
  'access-denied': {
    what: 'The storage refused this upload.',
    todo: 'Tell the person who sent you the link; their storage settings may need a change.',
  },
  'bad-digest': {
    what: 'The contents of the file were damaged on the way.',
    todo: 'Press Retry to send it again.',
  },
  'storage-rejected': {
    what: 'The storage refused this file.',
    todo: 'Press Retry. If it fails again, tell the person who sent you the link.',
  },
  'storage-unavailable': {
    what: 'The storage cannot be reached from this page right now.',
    todo: 'Press Retry in a little while. If it keeps happening, tell the person who sent you the link.',
  },
  'file-unreadable': {
    what: 'This file could not be read from your device.',
    todo: 'Check that the file still exists and opens, then add it again.',
  },
  'file-changed': {
    what: 'This file changed on your device while it was uploading.',
    todo: 'Wait until the file is saved, then press Retry.',
  },
  'etag-unreadable': {
    what: 'The storage settings do not let this page confirm that the parts of this file arrived.',
    todo: 'Tell the person who sent you the link; their storage needs to share the “ETag” header with this page.',
  },
  'signer-unavailable': {
    what: 'The upload service cannot be reached right now.',
    todo: 'Check your connection and press Retry in a little while.',
  },
  'url-rejected': {
    what: 'The upload service sent an upload address this page does not trust, so the file was not sent.',
    todo: 'Tell the person who sent you the link: the upload service may be set up wrongly.',
  },
  cancelled: {
    what: 'You cancelled this upload.',
    todo: 'Press Retry if you want to send it after all.',
  },
  unknown: {
    what: 'Something unexpected went wrong.',
    todo: 'Press Retry. If it keeps happening, tell the person who sent you the link.',
  },
} satisfies Record<ErrorKey, ErrorText>;

export const catalogueEn = { messages, errors };

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : PluralForms };

/** Every language provides exactly these keys: TypeScript rejects a missing or extra one. */
export interface Catalogue {
  messages: Shape<typeof messages>;
  errors: Record<ErrorKey, ErrorText>;
}

export type MessageKey = keyof typeof messages;
export type PlainKey = {
  [K in MessageKey]: (typeof messages)[K] extends string ? K : never;
}[MessageKey];
export type PluralKey = Exclude<MessageKey, PlainKey>;
