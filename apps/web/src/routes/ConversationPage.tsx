import type { Message } from '@margin/shared';
import { useParams } from 'react-router';
import { ChatPanel } from '../features/chat';
import { ConversationView } from '../features/conversation';
import { ConversationTools } from '../features/doubts';
import { MemoriesUsed } from '../features/memory';
import type { MessageExtensions } from '../features/messages';

const memoryFooter = (message: Message) => <MemoriesUsed message={message} />;
const merged = new WeakMap<MessageExtensions, MessageExtensions>();

/** Answers' "Memories used (N)" joins the tools' message extensions (same object each render). */
function withMemory(extensions: MessageExtensions): MessageExtensions {
  let out = merged.get(extensions);
  if (!out) {
    out = { ...extensions, footer: memoryFooter };
    merged.set(extensions, out);
  }
  return out;
}

/** `/c/:conversationId` and `/c/:conversationId/m/:messageId` (loaded lazily with the markdown stack). */
export function ConversationPage() {
  const { conversationId, messageId } = useParams();
  if (!conversationId) return null;
  // Keyed: switching conversations starts with fresh state (selection, scroll, dialogs).
  return (
    <ConversationTools key={conversationId} conversationId={conversationId}>
      {(tools) => (
        <ConversationView
          conversationId={conversationId}
          focusMessageId={messageId}
          composer={<ChatPanel conversationId={conversationId} />}
          {...tools}
          messageExtensions={withMemory(tools.messageExtensions)}
        />
      )}
    </ConversationTools>
  );
}
