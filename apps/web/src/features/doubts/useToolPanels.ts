import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ConversationTools, QuickActionRequest } from './toolsContext';

export type ToolPanel =
  | { kind: 'doubts'; messageId: string }
  | { kind: 'quick'; request: QuickActionRequest; key: number }
  | { kind: 'code' };

export interface ToolPanelsState {
  panel: ToolPanel | null;
  tools: ConversationTools;
}

/**
 * One tool panel at a time beside the conversation. The doubts panel lives in the URL
 * (`/c/:id/m/:messageId?doubts=1`) so it survives a reload and can be linked; the others are
 * local state.
 */
export function useToolPanels(conversationId: string): ToolPanelsState {
  const navigate = useNavigate();
  const { messageId } = useParams();
  const [params] = useSearchParams();
  const doubtsFor = params.get('doubts') === '1' && messageId ? messageId : null;
  const [local, setLocal] = useState<Exclude<ToolPanel, { kind: 'doubts' }> | null>(null);

  const closeDoubts = useCallback(() => {
    if (doubtsFor) void navigate(`/c/${conversationId}/m/${doubtsFor}`, { replace: true });
  }, [navigate, conversationId, doubtsFor]);

  const openDoubts = useCallback(
    (id: string) => {
      setLocal(null);
      if (id !== doubtsFor) void navigate(`/c/${conversationId}/m/${id}?doubts=1`);
    },
    [navigate, conversationId, doubtsFor],
  );

  const openQuickAction = useCallback(
    (request: QuickActionRequest) => {
      closeDoubts();
      setLocal({ kind: 'quick', request, key: Date.now() });
    },
    [closeDoubts],
  );

  const openCode = useCallback(() => {
    closeDoubts();
    setLocal({ kind: 'code' });
  }, [closeDoubts]);

  const close = useCallback(() => {
    closeDoubts();
    setLocal(null);
  }, [closeDoubts]);

  const panel: ToolPanel | null = doubtsFor ? { kind: 'doubts', messageId: doubtsFor } : local;
  const active = panel?.kind ?? null;
  const tools = useMemo<ConversationTools>(
    () => ({ conversationId, openDoubts, openQuickAction, openCode, close, active }),
    [conversationId, openDoubts, openQuickAction, openCode, close, active],
  );
  return { panel, tools };
}
