import { CodeXml } from 'lucide-react';
import { ToolPanelFrame, type ToolPanelLayout } from '../doubts/ToolPanelFrame';
import { CodeEditorPanel } from './CodeEditorPanel';

export const CODE_PANEL_ID = 'code-editor-panel';

/** The code editor as a wide side column, or a full-screen sheet on phones. */
export function CodeEditorTool({
  conversationId,
  layout,
  onClose,
}: {
  conversationId: string;
  layout: ToolPanelLayout;
  onClose: () => void;
}) {
  return (
    <ToolPanelFrame
      id={CODE_PANEL_ID}
      layout={layout}
      icon={<CodeXml />}
      title="Code"
      closeLabel="Close the code editor"
      onClose={onClose}
      width="w-[460px] xl:w-[560px] 2xl:w-[640px]"
      sheetWidth="w-[min(640px,96vw)]"
    >
      <CodeEditorPanel conversationId={conversationId} />
    </ToolPanelFrame>
  );
}
