import type { Message } from '@margin/shared';
import { MessageCircleQuestionMark } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { CodeEditorTool } from '../code-editor/CodeEditorTool';
import type { ConversationAsideView } from '../conversation';
import { QuickChatTool } from '../quick-actions/QuickChatTool';
import { DoubtsPanel } from './DoubtsPanel';
import { ToolPanelFrame, type ToolPanelLayout } from './ToolPanelFrame';
import { countDoubts } from './tree';
import { useDoubts } from './useDoubts';
import type { ToolPanel, ToolPanelsState } from './useToolPanels';

export const DOUBTS_PANEL_ID = 'doubts-panel';

function DoubtsTool({
  conversationId,
  messageId,
  message,
  layout,
  onClose,
}: {
  conversationId: string;
  messageId: string;
  message: Message | undefined;
  layout: ToolPanelLayout;
  onClose: () => void;
}) {
  const doubts = useDoubts(conversationId, messageId);
  const count = countDoubts(doubts.nodes);
  return (
    <ToolPanelFrame
      id={DOUBTS_PANEL_ID}
      layout={layout}
      icon={<MessageCircleQuestionMark />}
      title={
        <>
          Doubts
          {count > 0 ? (
            <span className="rounded-full bg-soft px-1.5 py-px text-xs font-medium text-fg-muted tabular-nums">
              {count}
            </span>
          ) : null}
        </>
      }
      closeLabel="Close the doubts"
      onClose={onClose}
    >
      <DoubtsPanel doubts={doubts} message={message} />
    </ToolPanelFrame>
  );
}

function panelKey(panel: ToolPanel | null): string {
  if (!panel) return '';
  if (panel.kind === 'doubts') return `doubts:${panel.messageId}`;
  if (panel.kind === 'quick') return `quick:${panel.key}`;
  return 'code';
}

/**
 * The open tool panel, if any: a column on wide screens, a sheet below that. It shares the
 * right-hand column with the memory pad: opening one closes the other.
 */
export function ToolPanels({
  state,
  view,
}: {
  state: ToolPanelsState;
  view: ConversationAsideView;
}) {
  const { panel, tools } = state;
  const { wide, phone, messages, padOpen } = view;
  const latest = useRef({ view, panel, close: tools.close });
  latest.current = { view, panel, close: tools.close };

  const key = panelKey(panel);
  useEffect(() => {
    const current = latest.current.view;
    if (key && current.padOpen) current.setPadOpen(false);
  }, [key]);
  const padWas = useRef(padOpen);
  useEffect(() => {
    if (padOpen && !padWas.current && latest.current.panel) latest.current.close();
    padWas.current = padOpen;
  }, [padOpen]);

  if (!panel) return null;
  const layout: ToolPanelLayout = wide ? 'aside' : phone ? 'bottom' : 'right';
  const { conversationId, close } = tools;
  switch (panel.kind) {
    case 'doubts':
      return (
        <DoubtsTool
          key={panel.messageId}
          conversationId={conversationId}
          messageId={panel.messageId}
          message={messages.find((m) => m.id === panel.messageId)}
          layout={layout}
          onClose={close}
        />
      );
    case 'quick':
      return (
        <QuickChatTool
          key={panel.key}
          conversationId={conversationId}
          request={panel.request}
          layout={layout}
          onClose={close}
          onOpenDoubts={tools.openDoubts}
        />
      );
    case 'code':
      return (
        <CodeEditorTool
          conversationId={conversationId}
          layout={phone ? 'full' : layout}
          onClose={close}
        />
      );
  }
}
