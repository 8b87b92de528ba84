import type { Message } from '@margin/shared';
import { MessageCircleQuestionMark, TextQuote } from 'lucide-react';
import { useState } from 'react';
import { DropdownMenuItem, IconButton } from '../../components';
import { recentSelectionIn } from '../quick-actions/selection';
import { readWithContext } from '../quick-actions/preferences';
import { useConversationTools } from './toolsContext';

/**
 * "Ask a doubt" and "Quick actions on selection" for a message's "⋯" menu. The selection is read
 * when the menu opens (this mounts with the menu); without one, the quick actions are disabled.
 */
export function MessageToolsMenuItems({ message }: { message: Message }) {
  const tools = useConversationTools();
  const [selection] = useState(() => recentSelectionIn(message.id));
  if (!tools) return null;
  return (
    <>
      <DropdownMenuItem
        icon={<MessageCircleQuestionMark />}
        onSelect={() => {
          tools.openDoubts(message.id);
        }}
      >
        Ask a doubt
      </DropdownMenuItem>
      <DropdownMenuItem
        icon={<TextQuote />}
        disabled={!selection}
        onSelect={() => {
          if (!selection) return;
          tools.openQuickAction({
            messageId: message.id,
            selectedText: selection,
            action: null,
            withContext: readWithContext(),
          });
        }}
      >
        Quick actions on selection
        {selection ? null : <span className="sr-only"> (select some text first)</span>}
      </DropdownMenuItem>
    </>
  );
}

/** Icon button for the message's hover toolbar. */
export function AskDoubtButton({ message }: { message: Message }) {
  const tools = useConversationTools();
  if (!tools) return null;
  return (
    <IconButton
      label="Ask a doubt"
      icon={<MessageCircleQuestionMark />}
      size="sm"
      onClick={() => {
        tools.openDoubts(message.id);
      }}
    />
  );
}
