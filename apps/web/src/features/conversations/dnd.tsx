import type { ConversationSummary } from '@margin/shared';
import { createContext, use, useMemo, useState, type DragEvent, type ReactNode } from 'react';

/** Our drag payload type: other drops (files, links from elsewhere) are ignored. */
export const CONVERSATION_MIME = 'application/x-margin-conversation';

interface DragState {
  /** The conversation being dragged, while a drag from this sidebar is in progress. */
  dragging: ConversationSummary | null;
  /** The folder under the pointer that would accept the drop. */
  overId: string | null;
  setDragging: (conversation: ConversationSummary | null) => void;
  setOverId: (id: string | null) => void;
}

const DragContext = createContext<DragState | null>(null);

/** Shares one drag between the rows (sources) and the folders (drop targets) of the tree. */
export function ConversationDragProvider({ children }: { children: ReactNode }) {
  const [dragging, setDragging] = useState<ConversationSummary | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const value = useMemo(() => ({ dragging, overId, setDragging, setOverId }), [dragging, overId]);
  return <DragContext value={value}>{children}</DragContext>;
}

function useDragState(): DragState {
  const state = use(DragContext);
  if (!state) throw new Error('Drag and drop needs <ConversationDragProvider>');
  return state;
}

/** Props that make a conversation row draggable (it stays a normal link otherwise). */
export function useConversationDragSource(conversation: ConversationSummary) {
  const { dragging, setDragging, setOverId } = useDragState();
  return {
    isDragging: dragging?.id === conversation.id,
    dragProps: {
      draggable: true,
      onDragStart: (event: DragEvent) => {
        event.dataTransfer.effectAllowed = 'all';
        event.dataTransfer.setData(CONVERSATION_MIME, conversation.id);
        event.dataTransfer.setData(
          'text/uri-list',
          `${window.location.origin}/c/${conversation.id}`,
        );
        setDragging(conversation);
      },
      onDragEnd: () => {
        setDragging(null);
        setOverId(null);
      },
    },
  };
}

/**
 * Props for a folder that accepts a dragged conversation. The innermost folder under the pointer
 * wins (events stop there); the folder a chat is already in does not offer itself.
 */
export function useConversationDropTarget(
  workspaceId: string,
  onDropConversation: (conversation: ConversationSummary) => void,
) {
  const { dragging, overId, setDragging, setOverId } = useDragState();
  const accepts = (event: DragEvent) =>
    dragging !== null && event.dataTransfer.types.includes(CONVERSATION_MIME);

  // dragenter and dragover both claim the drop (the spec needs both cancelled for a valid target).
  const claim = (event: DragEvent) => {
    if (!accepts(event)) return;
    event.stopPropagation();
    if (dragging?.workspaceId === workspaceId) {
      event.dataTransfer.dropEffect = 'none';
      if (overId !== null) setOverId(null);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (overId !== workspaceId) setOverId(workspaceId);
  };

  return {
    isOver: overId === workspaceId,
    dropProps: {
      onDragEnter: claim,
      onDragOver: claim,
      onDragLeave: (event: DragEvent) => {
        const next = event.relatedTarget;
        if (next instanceof Node && event.currentTarget.contains(next)) return;
        if (overId === workspaceId) setOverId(null);
      },
      onDrop: (event: DragEvent) => {
        if (!accepts(event) || !dragging) return;
        event.preventDefault();
        event.stopPropagation();
        const conversation = dragging;
        setDragging(null);
        setOverId(null);
        if (conversation.workspaceId !== workspaceId) onDropConversation(conversation);
      },
    },
  };
}
