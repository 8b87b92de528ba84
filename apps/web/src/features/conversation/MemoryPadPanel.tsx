import { NotebookPen, X } from 'lucide-react';
import { IconButton, Sheet } from '../../components';
import { MEMORY_PAD_DESCRIPTION, MemoryPadEditor } from './MemoryPadEditor';
import type { MemoryPadState } from './useMemoryPad';

export const MEMORY_PAD_PANEL_ID = 'memory-pad-panel';

/** Desktop: a column at the right of the conversation. */
export function MemoryPadPanel({ pad, onClose }: { pad: MemoryPadState; onClose: () => void }) {
  return (
    <aside
      id={MEMORY_PAD_PANEL_ID}
      aria-labelledby={`${MEMORY_PAD_PANEL_ID}-title`}
      className="flex w-[340px] shrink-0 flex-col border-l border-line bg-panel xl:w-[380px]"
    >
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line px-4">
        <NotebookPen aria-hidden className="size-4 text-fg-subtle" />
        <h2 id={`${MEMORY_PAD_PANEL_ID}-title`} className="flex-1 text-sm font-semibold text-fg">
          Memory pad
        </h2>
        <IconButton label="Close the memory pad" icon={<X />} size="sm" onClick={onClose} />
      </div>
      <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
        <p className="text-[13px] leading-relaxed text-fg-muted">{MEMORY_PAD_DESCRIPTION}</p>
        <MemoryPadEditor pad={pad} />
      </div>
    </aside>
  );
}

/** Phones and narrow windows: the same editor in a sheet. */
export function MemoryPadSheet({
  pad,
  open,
  onOpenChange,
  side,
}: {
  pad: MemoryPadState;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  side: 'bottom' | 'right';
}) {
  return (
    <Sheet
      open={open}
      onOpenChange={onOpenChange}
      side={side}
      title="Memory pad"
      description={MEMORY_PAD_DESCRIPTION}
      className={side === 'bottom' ? 'h-[80dvh]' : undefined}
    >
      <MemoryPadEditor pad={pad} />
    </Sheet>
  );
}
