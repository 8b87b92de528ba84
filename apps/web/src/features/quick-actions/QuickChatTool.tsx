import { MessageSquareText } from 'lucide-react';
import { Badge, toast } from '../../components';
import { ToolPanelFrame, type ToolPanelLayout } from '../doubts/ToolPanelFrame';
import type { QuickActionRequest } from '../doubts/toolsContext';
import { ACTION_META } from './actions';
import { QuickChatPanel } from './QuickChatPanel';
import { useQuickChat } from './useQuickChat';

export const QUICK_CHAT_PANEL_ID = 'quick-chat-panel';

/** The temporary side chat opened by a quick action on selected text. */
export function QuickChatTool({
  conversationId,
  request,
  layout,
  onClose,
  onOpenDoubts,
}: {
  conversationId: string;
  request: QuickActionRequest;
  layout: ToolPanelLayout;
  onClose: () => void;
  onOpenDoubts: (messageId: string) => void;
}) {
  const chat = useQuickChat(conversationId, request);
  const first = chat.turns[0]?.action ?? request.action;
  const meta = first ? ACTION_META[first] : null;
  const Icon = meta?.icon ?? MessageSquareText;
  return (
    <ToolPanelFrame
      id={QUICK_CHAT_PANEL_ID}
      layout={layout}
      icon={<Icon />}
      title={
        <>
          <span className="truncate">{meta?.title ?? 'Quick actions'}</span>
          <Badge tone="warning">Temporary</Badge>
        </>
      }
      closeLabel="Close the side chat"
      onClose={onClose}
    >
      <QuickChatPanel
        chat={chat}
        request={request}
        onSaved={() => {
          toast.success('Saved as a doubt on the message', {
            action: {
              label: 'View',
              onClick: () => {
                onOpenDoubts(request.messageId);
              },
            },
          });
        }}
      />
    </ToolPanelFrame>
  );
}
