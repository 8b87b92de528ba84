/**
 * Memories queued for the next message of a conversation ("Use in next message"): sent as
 * `attachedClaimIds`, then cleared. Kept outside React so the Memory page can queue one and the
 * composer shows it.
 */
import type { Claim } from '@margin/shared';
import { useCallback, useSyncExternalStore } from 'react';

export type AttachedMemory = Pick<Claim, 'id' | 'statement'>;

const EMPTY: readonly AttachedMemory[] = [];
const attached = new Map<string, readonly AttachedMemory[]>();
const listeners = new Map<string, Set<() => void>>();

function emit(conversationId: string) {
  for (const listener of listeners.get(conversationId) ?? []) listener();
}

export const memoryAttachments = {
  get(conversationId: string): readonly AttachedMemory[] {
    return attached.get(conversationId) ?? EMPTY;
  },
  add(conversationId: string, memory: AttachedMemory): void {
    const current = this.get(conversationId);
    if (current.some((m) => m.id === memory.id)) return;
    attached.set(conversationId, [...current, memory]);
    emit(conversationId);
  },
  remove(conversationId: string, id: string): void {
    attached.set(
      conversationId,
      this.get(conversationId).filter((m) => m.id !== id),
    );
    emit(conversationId);
  },
  clear(conversationId: string): void {
    if (!attached.has(conversationId)) return;
    attached.delete(conversationId);
    emit(conversationId);
  },
  subscribe(conversationId: string, listener: () => void): () => void {
    let set = listeners.get(conversationId);
    if (!set) {
      set = new Set();
      listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

export function useAttachedMemories(conversationId: string): readonly AttachedMemory[] {
  const subscribe = useCallback(
    (listener: () => void) => memoryAttachments.subscribe(conversationId, listener),
    [conversationId],
  );
  const read = () => memoryAttachments.get(conversationId);
  return useSyncExternalStore(subscribe, read, read);
}
