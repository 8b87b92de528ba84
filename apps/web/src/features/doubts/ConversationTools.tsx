import type { Message } from '@margin/shared';
import { useMemo, type ReactNode } from 'react';
import { ReadAloudButton } from '../audio';
import { CodeEditorButton } from '../code-editor/CodeEditorButton';
import type { ConversationAsideView } from '../conversation';
import type { MessageExtensions } from '../messages';
import { SelectionToolbar } from '../quick-actions/SelectionToolbar';
import { AskDoubtButton, MessageToolsMenuItems } from './MessageToolsMenuItems';
import { ToolPanels } from './ToolPanels';
import { ConversationToolsContext } from './toolsContext';
import { useToolPanels } from './useToolPanels';

/** What `ConversationView` needs to show the tools (its extension props). */
export interface ConversationToolsWiring {
  headerActions: ReactNode;
  messageExtensions: MessageExtensions;
  renderAside: (view: ConversationAsideView) => ReactNode;
}

const messageExtensions: MessageExtensions = {
  menuItems: (message: Message) => <MessageToolsMenuItems message={message} />,
  toolbar: (message: Message) => (
    <>
      <AskDoubtButton message={message} />
      <ReadAloudButton message={message} />
    </>
  ),
};

/**
 * Doubts, quick actions on selected text and the code editor for one conversation: provides
 * their state and hands the conversation view its header button, message actions and panel.
 */
export function ConversationTools({
  conversationId,
  children,
}: {
  conversationId: string;
  children: (wiring: ConversationToolsWiring) => ReactNode;
}) {
  const state = useToolPanels(conversationId);
  const wiring = useMemo<ConversationToolsWiring>(
    () => ({
      headerActions: <CodeEditorButton />,
      messageExtensions,
      renderAside: (view) => <ToolPanels state={state} view={view} />,
    }),
    [state],
  );
  return (
    <ConversationToolsContext value={state.tools}>
      {children(wiring)}
      <SelectionToolbar />
    </ConversationToolsContext>
  );
}
