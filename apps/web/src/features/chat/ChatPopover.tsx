import { Popover } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

/** A popover anchored to a composer button (focus moves in; Escape and outside clicks close). */
export function ChatPopover({
  open,
  onOpenChange,
  trigger,
  label,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A single button element. */
  trigger: ReactNode;
  /** Accessible name of the panel. */
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side="top"
          align="start"
          sideOffset={8}
          collisionPadding={8}
          aria-label={label}
          className={cn(
            'z-50 max-h-(--radix-popover-content-available-height) overflow-y-auto rounded-xl border border-line bg-raised p-3 text-fg shadow-popover outline-none',
            'data-[state=closed]:animate-fade-out data-[state=open]:animate-pop-in',
            className,
          )}
        >
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
