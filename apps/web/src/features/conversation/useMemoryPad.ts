import { CONVERSATION_LIMITS } from '@margin/shared';
import { useCallback, useEffect, useState } from 'react';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

const SAVED_FEEDBACK_MS = 2500;

/**
 * The memory pad of a conversation: the saved text, a local draft and an explicit save. The
 * draft survives closing and reopening the panel. Loaded only once the pad is first opened.
 */
export function useMemoryPad(conversationId: string, enabled: boolean) {
  const utils = trpc.useUtils();
  const query = trpc.conversations.getMemoryPad.useQuery({ id: conversationId }, { enabled });
  const mutation = trpc.conversations.setMemoryPad.useMutation();
  const [draft, setDraft] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const saved = query.data?.text ?? '';
  const value = draft ?? saved;
  const dirty = draft !== null && draft !== saved;
  const tooLong = value.length > CONVERSATION_LIMITS.memoryPadMax;

  useEffect(() => {
    if (!justSaved) return;
    const timer = setTimeout(() => {
      setJustSaved(false);
    }, SAVED_FEEDBACK_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [justSaved]);

  const change = useCallback((text: string) => {
    setDraft(text);
    setJustSaved(false);
    setError(null);
  }, []);

  const { mutateAsync } = mutation;
  const save = useCallback(async () => {
    if (draft === null) return;
    setError(null);
    try {
      const result = await mutateAsync({ id: conversationId, text: draft });
      utils.conversations.getMemoryPad.setData({ id: conversationId }, result);
      void utils.conversations.get.invalidate({ id: conversationId });
      setDraft(null);
      setJustSaved(true);
    } catch (caught) {
      setError(getErrorMessage(caught));
    }
  }, [draft, mutateAsync, conversationId, utils]);

  return {
    query,
    value,
    dirty,
    tooLong,
    saving: mutation.isPending,
    justSaved,
    error,
    change,
    save,
  };
}

export type MemoryPadState = ReturnType<typeof useMemoryPad>;
