/**
 * Multipart arithmetic. COS allows at most 10,000 parts of 1 MB–5 GB (the last may be
 * smaller), so the part size grows with the file: max(minimum, ceil(size / 10000)), rounded up
 * to whole MiB so every part but the last has the same round size.
 */
export const MIB = 1024 * 1024;
export const MAX_PARTS = 10_000;

export interface PartPlan {
  partSize: number;
  partCount: number;
}

export function planParts(size: number, minPartSize: number): PartPlan {
  const wanted = Math.max(minPartSize, Math.ceil(size / MAX_PARTS));
  const partSize = Math.ceil(wanted / MIB) * MIB;
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** Byte length of part `partNumber` (1-based): full parts, then the remainder. */
export function partLength(size: number, plan: PartPlan, partNumber: number): number {
  if (partNumber < 1 || partNumber > plan.partCount) throw new RangeError('part out of range');
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}
