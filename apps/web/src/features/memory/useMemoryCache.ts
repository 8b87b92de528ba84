import { useCallback } from 'react';
import { trpc } from '../../lib/trpc';

/** Refreshes everything the memory views show (lists, counts, pins, conflicts, usage). */
export function useInvalidateMemory(): () => Promise<void> {
  const utils = trpc.useUtils();
  return useCallback(() => utils.pkb.invalidate(), [utils]);
}
