import { useCallback, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useI18n } from '../../../i18n/use-i18n';
import type { FileEntry } from '../engine/types';
import type { EngineCommands } from '../hooks/engine-session';
import { createStableIds } from '../intake/stable-ids';
import { FileRow } from './file-row';

/** A first guess at a row's height; each row is measured once it renders. */
const ESTIMATED_ROW_HEIGHT = 92;

/**
 * Virtualised: only the rows in view (plus a few) exist in the DOM, so 10,000 files cost
 * what 20 do. Rows keep list semantics with aria-setsize/aria-posinset, so a screen reader
 * still hears "file 3,412 of 10,000".
 */
export function FileList({
  files,
  commands,
  label,
  locked = false,
}: {
  files: readonly FileEntry[];
  commands: Pick<EngineCommands, 'cancel' | 'pause' | 'resume' | 'retry'>;
  /** The link is over (see FileRow). */
  locked?: boolean;
  /** The region's name, saying which files it shows when a filter is on. */
  label?: string;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Rows are keyed by id (focus stays with its file when rows come and go), through an array
  // that changes only when the ids do: a new key function makes the virtualizer re-measure
  // every row, which a progress frame must not cost with 10,000 files.
  const [stableIds] = useState(createStableIds);
  const ids = stableIds(files);
  const getItemKey = useCallback((index: number) => ids[index]!, [ids]);
  // The compiler warning concerns React Compiler memoisation, which this build does not use;
  // the virtualizer re-renders this component itself when the visible range changes.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: files.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey,
    overscan: 6,
  });

  if (files.length === 0) return null;
  return (
    // Focusable so keyboard users can scroll it; labelled so they know what it is.
    <div
      ref={scrollRef}
      className="file-list"
      tabIndex={0}
      role="region"
      aria-label={label ?? t.t('list.label')}
    >
      <ul className="file-list__rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <li
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="file-list__item"
            aria-setsize={files.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <FileRow entry={files[item.index]!} commands={commands} locked={locked} />
          </li>
        ))}
      </ul>
    </div>
  );
}
