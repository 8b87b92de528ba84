import { Play } from 'lucide-react';
import { Button, Spinner } from '../../components';
import { cn } from '../../lib/cn';
import type { CodeRun } from './useCodeRun';

/** Run, or Cancel while running (same place, so the keyboard focus stays on it). */
export function RunButton({
  run,
  onRun,
  compact = false,
  className,
}: {
  run: CodeRun;
  onRun: () => void;
  compact?: boolean;
  className?: string;
}) {
  const running = run.state.phase === 'running';
  return (
    <Button
      size="sm"
      variant={compact ? 'ghost' : 'secondary'}
      className={cn(compact && 'h-7 px-2 text-xs', className)}
      // Not `loading`: that disables the button, and while running it is the Cancel button.
      icon={running ? <Spinner size="xs" /> : <Play />}
      aria-busy={running || undefined}
      onClick={running ? run.cancel : onRun}
      title={running ? 'Cancel the run' : 'Run this code in a sandbox on the server'}
    >
      {running ? 'Cancel' : 'Run'}
    </Button>
  );
}
