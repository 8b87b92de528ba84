import { CodeXml } from 'lucide-react';
import { Button, IconButton } from '../../components';
import { cn } from '../../lib/cn';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { useConversationTools } from '../doubts/toolsContext';
import { CODE_PANEL_ID } from './CodeEditorTool';

/** Header toggle for the code editor panel. */
export function CodeEditorButton() {
  const tools = useConversationTools();
  const compact = useMediaQuery('(max-width: 640px)');
  if (!tools) return null;
  const open = tools.active === 'code';
  const label = open ? 'Hide the code editor' : 'Open the code editor';
  const toggle = () => {
    if (open) tools.close();
    else tools.openCode();
  };
  return compact ? (
    <IconButton
      label={label}
      icon={<CodeXml />}
      aria-pressed={open}
      className={cn(open && 'bg-soft text-fg')}
      onClick={toggle}
    />
  ) : (
    <Button
      variant={open ? 'secondary' : 'ghost'}
      size="sm"
      icon={<CodeXml />}
      aria-pressed={open}
      aria-controls={open ? CODE_PANEL_ID : undefined}
      title={label}
      onClick={toggle}
    >
      Code
    </Button>
  );
}
