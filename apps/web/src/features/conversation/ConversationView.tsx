import './conversation.css';
import type { Message } from '@margin/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { storage } from '../../lib/storage';
import { trpc } from '../../lib/trpc';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { DocumentDropZone, DocumentsProvider } from '../documents';
import {
  MessageActionsProvider,
  MessageExtensionsContext,
  MessageList,
  SELECTION_BAR_SPACE,
  SelectionBar,
  useMessagePages,
  useMessageSelection,
  type MessageExtensions,
} from '../messages';
import { ConversationHeader } from './ConversationHeader';
import { ConversationMenu } from './ConversationMenu';
import { ConversationUnavailable } from './ConversationUnavailable';
import { MemoryPadPanel, MemoryPadSheet } from './MemoryPadPanel';
import { useMemoryPad } from './useMemoryPad';

const PAD_OPEN_KEY = 'margin.memoryPadOpen';
const WIDE_QUERY = '(min-width: 1024px)';

export interface ConversationViewProps {
  conversationId: string;
  /** From `/c/:conversationId/m/:messageId`: scrolled to and highlighted. */
  focusMessageId?: string | undefined;
  /**
   * The composer, pinned under the messages. Nothing is rendered there until the chat work
   * provides one.
   */
  composer?: ReactNode;
  /** Extra header buttons (left of the memory pad toggle). */
  headerActions?: ReactNode;
  /** Extra per-message toolbar buttons and "⋯" menu items from other features. */
  messageExtensions?: MessageExtensions;
  /** Other side panels (e.g. tools), rendered at the right of the conversation column. */
  renderAside?: (view: ConversationAsideView) => ReactNode;
}

/** What a side panel may need from the view. */
export interface ConversationAsideView {
  /** The loaded messages, oldest first. */
  messages: Message[];
  /** ≥ 1024 px: panels are columns; below, sheets. */
  wide: boolean;
  /** ≤ 640 px. */
  phone: boolean;
  /** The memory pad's state, so a side panel can take its place (one column at a time). */
  padOpen: boolean;
  setPadOpen: (open: boolean) => void;
}

const NO_EXTENSIONS: MessageExtensions = {};

/**
 * A conversation: header, virtualised messages, composer slot, memory pad. Its documents (viewer,
 * uploads, dropped files, what citations open) are provided around it.
 */
export function ConversationView(props: ConversationViewProps) {
  return (
    <DocumentsProvider conversationId={props.conversationId}>
      <ConversationViewBody {...props} />
    </DocumentsProvider>
  );
}

function ConversationViewBody({
  conversationId,
  focusMessageId,
  composer,
  headerActions,
  messageExtensions = NO_EXTENSIONS,
  renderAside,
}: ConversationViewProps) {
  const conversation = trpc.conversations.get.useQuery({ id: conversationId });
  const pages = useMessagePages(conversationId);
  const selection = useMessageSelection();
  const wide = useMediaQuery(WIDE_QUERY);
  const phone = useMediaQuery('(max-width: 640px)');
  // The side panel stays open between conversations on wide screens; sheets start closed.
  const [padOpen, setPadOpen] = useState(
    () => storage.get(PAD_OPEN_KEY) === '1' && window.matchMedia(WIDE_QUERY).matches,
  );
  const [padUsed, setPadUsed] = useState(padOpen);
  const pad = useMemoryPad(conversationId, padUsed);

  const setPad = (open: boolean) => {
    setPadOpen(open);
    if (open) setPadUsed(true);
    storage.set(PAD_OPEN_KEY, open ? '1' : '0');
  };

  // Errors are shown inline with a retry; a toast makes sure they are noticed.
  const listError = pages.error;
  useEffect(() => {
    if (listError) toast.error(`Couldn't load messages: ${getErrorMessage(listError)}`);
  }, [listError]);

  // Escape leaves checkbox mode (unless a dialog or menu is handling it).
  const { selecting, clear } = selection;
  useEffect(() => {
    if (!selecting) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      clear();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [selecting, clear]);

  if (conversation.isError) {
    return (
      <div className="conversation-view h-full">
        <ConversationUnavailable
          error={conversation.error}
          onRetry={() => void conversation.refetch()}
        />
      </div>
    );
  }

  const title = conversation.data?.title.trim() ?? '';
  return (
    <div className="conversation-view flex h-full min-h-0">
      <title>{`${title === '' ? 'Conversation' : title} · Margin`}</title>
      <DocumentDropZone className="flex min-w-0 flex-1 flex-col">
        <ConversationHeader
          conversation={conversation.data}
          padOpen={padOpen}
          onTogglePad={() => {
            setPad(!padOpen);
          }}
          compact={phone}
          actions={headerActions}
          menu={
            <ConversationMenu
              conversationId={conversationId}
              hasMessages={pages.messages.length > 0}
              selection={selection}
            />
          }
        />
        <MessageActionsProvider conversationId={conversationId} selection={selection}>
          <MessageExtensionsContext value={messageExtensions}>
            <div className="relative min-h-0 flex-1">
              <MessageList
                conversationId={conversationId}
                pages={pages}
                focusMessageId={focusMessageId}
                selection={selection}
                bottomInset={selection.selecting ? SELECTION_BAR_SPACE : 0}
              />
              <SelectionBar conversationId={conversationId} selection={selection} />
            </div>
          </MessageExtensionsContext>
        </MessageActionsProvider>
        {/* Composer slot: the chat work renders the message composer here. */}
        {composer ? <div className="shrink-0">{composer}</div> : null}
      </DocumentDropZone>
      {wide && padOpen ? (
        <MemoryPadPanel
          pad={pad}
          onClose={() => {
            setPad(false);
          }}
        />
      ) : null}
      {renderAside?.({ messages: pages.messages, wide, phone, padOpen, setPadOpen: setPad })}
      {wide ? null : (
        <MemoryPadSheet
          pad={pad}
          open={padOpen}
          onOpenChange={setPad}
          side={phone ? 'bottom' : 'right'}
        />
      )}
    </div>
  );
}
