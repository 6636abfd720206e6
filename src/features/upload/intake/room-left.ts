import type { LinkLimits } from '../../../../protocol/schemas';
import type { UsageCounts } from '../engine/types';

/** What still fits into a link: files and bytes, null where the link sets no limit. */
export interface RoomLeft {
  files: number | null;
  bytes: number | null;
  /** Nothing more fits: no file left, or no byte (an empty file would, but no one sends those). */
  full: 'files' | 'bytes' | null;
}

/** The room a link has left, from its limits and what counts against them (engine usage). */
export function roomLeft(limits: LinkLimits | null | undefined, usage: UsageCounts): RoomLeft {
  const files = limits?.maxFiles == null ? null : Math.max(0, limits.maxFiles - usage.files);
  const bytes =
    limits?.maxTotalBytes == null ? null : Math.max(0, limits.maxTotalBytes - usage.bytes);
  const full = files === 0 ? 'files' : bytes === 0 ? 'bytes' : null;
  return { files, bytes, full };
}
