import { useCallback, useMemo, useState } from 'react';

export interface MessageSelection {
  /** Checkbox mode is on (checkboxes shown on every message). */
  selecting: boolean;
  selected: ReadonlySet<string>;
  /** Turns checkbox mode on, optionally selecting a first message. */
  start: (messageId?: string) => void;
  toggle: (messageId: string) => void;
  /** Clears the selection and leaves checkbox mode. */
  clear: () => void;
  /** Forgets ids that no longer exist (after a delete). */
  forget: (messageIds: readonly string[]) => void;
}

export function useMessageSelection(): MessageSelection {
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  const start = useCallback((messageId?: string) => {
    setSelecting(true);
    if (messageId) setSelected((old) => new Set(old).add(messageId));
  }, []);

  const toggle = useCallback((messageId: string) => {
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(messageId)) next.add(messageId);
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    setSelecting(false);
    setSelected(new Set());
  }, []);

  const forget = useCallback((messageIds: readonly string[]) => {
    setSelected((old) => {
      if (!messageIds.some((id) => old.has(id))) return old;
      const next = new Set(old);
      for (const id of messageIds) next.delete(id);
      return next;
    });
  }, []);

  return useMemo(
    () => ({ selecting, selected, start, toggle, clear, forget }),
    [selecting, selected, start, toggle, clear, forget],
  );
}
