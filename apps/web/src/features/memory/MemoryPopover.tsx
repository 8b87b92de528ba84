import { Popover } from 'radix-ui';
import type { ReactNode } from 'react';
import { Sheet } from '../../components';
import { cn } from '../../lib/cn';
import { useMediaQuery } from '../../lib/useMediaQuery';

/**
 * A popover anchored to its trigger; on phones a bottom sheet instead (the trigger then just opens
 * it). Focus moves in; Escape and outside clicks close it.
 */
export function MemoryPopover({
  open,
  onOpenChange,
  trigger,
  title,
  side = 'bottom',
  align = 'start',
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A single button element. */
  trigger: ReactNode;
  title: string;
  side?: 'top' | 'bottom';
  align?: 'start' | 'end';
  className?: string;
  children: ReactNode;
}) {
  const phone = useMediaQuery('(max-width: 640px)');
  if (phone) {
    return (
      <>
        <Popover.Root open={false} onOpenChange={onOpenChange}>
          <Popover.Trigger asChild>{trigger}</Popover.Trigger>
        </Popover.Root>
        <Sheet open={open} onOpenChange={onOpenChange} title={title} className="overflow-y-auto">
          {children}
        </Sheet>
      </>
    );
  }
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label={title}
          className={cn(
            'z-50 flex max-h-(--radix-popover-content-available-height) w-[26rem] max-w-[calc(100vw-1rem)] flex-col overflow-y-auto rounded-xl border border-line bg-raised p-3 text-fg shadow-popover outline-none',
            'data-[state=closed]:animate-fade-out data-[state=open]:animate-pop-in',
            className,
          )}
        >
          <p className="mb-2 text-sm font-semibold text-fg">{title}</p>
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
