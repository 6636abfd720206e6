/**
 * The upload area of an open link: the submission's gates, then the dropzone, file list and
 * engine, Finish, and the receipt. Loaded lazily (lazy-modules.ts): it is most of the
 * portal's code and none of the first paint.
 *
 * Every visit is a submission (docs/protocol.md, "Submissions"): on a link that asks
 * something the gates come first; on any link the submission opens with the first batch of
 * files, so each visit gets a receipt, a manifest and the owner's notification.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LinkClosedCode } from '../../protocol/error-codes';
import type { LinkInfo } from '../../protocol/schemas';
import { createSubmissionApi } from '../features/submission/api/submission-api';
import { FinishBar } from '../features/submission/components/finish-bar';
import { ReceiptView } from '../features/submission/components/receipt-view';
import { SubmissionGates } from '../features/submission/components/submission-gates';
import {
  createSubmissionSession,
  type SubmissionSession,
} from '../features/submission/submission-session';
import { UploadPanel } from '../features/upload/components/upload-panel';
import type { UploadEngine } from '../features/upload/engine/types';
import { createPortalEngine } from './create-portal-engine';
import { createPageActivity } from './page-activity';
import type { PortalWiring } from './portal-wiring';
import '../i18n/catalogue-en-submissions';

/** The session for this link, made once per mount and let go with it. */
function useSubmissionSession(
  wiring: PortalWiring,
  link: LinkInfo,
  attachSession: ((session: SubmissionSession) => () => void) | undefined,
): SubmissionSession {
  const [session] = useState(() =>
    createSubmissionSession({
      api: createSubmissionApi(wiring.client),
      linkId: link.id,
      requirements: link.submission ?? null,
    }),
  );
  useEffect(() => attachSession?.(session), [attachSession, session]);
  useEffect(() => () => session.destroy(), [session]);
  return session;
}

export function UploadArea({
  link,
  wiring,
  attachEngine,
  attachSession,
  limitsId,
  closed,
  onLinkClosed,
}: {
  link: LinkInfo;
  wiring: PortalWiring;
  attachEngine?: (engine: UploadEngine) => UploadEngine;
  /** Embed mode: the bridge takes the host's details and reports the submission's close. */
  attachSession?: (session: SubmissionSession) => () => void;
  limitsId: string;
  closed: LinkClosedCode | null;
  onLinkClosed(code: LinkClosedCode): void;
}) {
  const session = useSubmissionSession(wiring, link, attachSession);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [activity] = useState(createPageActivity);
  const pageActivity = useSyncExternalStore(activity.subscribe, activity.getSnapshot);
  const [showSoFar, setShowSoFar] = useState(false);
  // The upload area appears once the gates are passed and then stays (hidden) if a gate comes
  // back, so the files already listed are not lost.
  const [unlocked, setUnlocked] = useState(snapshot.gate === null);
  if (snapshot.gate === null && !unlocked) setUnlocked(true);

  const createEngine = useCallback(() => {
    const engine = createPortalEngine(wiring.config, wiring.client, link, session);
    activity.watch(engine);
    return attachEngine ? attachEngine(engine) : engine;
  }, [wiring, link, attachEngine, session, activity]);

  useEffect(() => session.setBusy(pageActivity.active > 0), [session, pageActivity.active]);

  // A gate that came back (a proof that ran out, answers the signer refused) failed the
  // batch that met it: once it is passed again, those files go again.
  const gateBefore = useRef(snapshot.gate);
  useEffect(() => {
    if (gateBefore.current !== null && snapshot.gate === null && unlocked) {
      activity.engine()?.retryAllFailed();
    }
    gateBefore.current = snapshot.gate;
  }, [snapshot.gate, unlocked, activity]);

  if (snapshot.state === 'closed' && snapshot.receipt) {
    return (
      <ReceiptView
        receipt={snapshot.receipt}
        linkTitle={link.title}
        takeFocus
        onNew={() => {
          setShowSoFar(false);
          session.startNew();
        }}
      />
    );
  }
  const gated = snapshot.gate !== null;
  return (
    <>
      {gated && link.submission && (
        <SubmissionGates session={session} snapshot={snapshot} requirements={link.submission} />
      )}
      {unlocked && (
        <div className="upload-area" hidden={gated}>
          <UploadPanel
            key={snapshot.generation}
            createEngine={createEngine}
            limitsId={limitsId}
            closed={closed}
            onLinkClosed={onLinkClosed}
            held={gated}
            limits={link.limits}
          />
          <FinishBar
            activity={pageActivity}
            opened={snapshot.state === 'open'}
            idleSeconds={snapshot.idleSeconds}
            onFinish={async () => {
              await session.finish();
            }}
            onShowReceipt={async () => {
              await session.refresh();
              setShowSoFar(true);
            }}
          />
          {showSoFar && snapshot.receipt && (
            <ReceiptView
              receipt={snapshot.receipt}
              linkTitle={link.title}
              takeFocus
              onHide={() => setShowSoFar(false)}
            />
          )}
        </div>
      )}
    </>
  );
}
