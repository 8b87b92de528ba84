import { useParams } from 'react-router';
import { ChatPanel } from '../features/chat';
import { ConversationView } from '../features/conversation';
import { ConversationTools } from '../features/doubts';

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
        />
      )}
    </ConversationTools>
  );
}
