import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn';
import { overlayClasses } from './Dialog';

const SIDES = {
  bottom:
    'inset-x-0 bottom-0 max-h-[88dvh] rounded-t-2xl border-t pb-[env(safe-area-inset-bottom)]',
  right: 'inset-y-0 right-0 w-[min(420px,92vw)] border-l',
} as const;

export interface SheetProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  /** `bottom` for phones (a sheet sliding up), `right` for a side drawer. */
  side?: keyof typeof SIDES;
  className?: string;
  children: ReactNode;
}

/** A modal panel attached to a screen edge: focus trapped, Escape and × close it. */
export function Sheet({
  open,
  onOpenChange,
  title,
  description,
  side = 'bottom',
  className,
  children,
}: SheetProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          className={cn(
            'fixed z-50 flex flex-col border-line bg-raised text-fg shadow-dialog outline-none',
            'data-[state=closed]:animate-fade-out data-[state=open]:animate-pop-in',
            SIDES[side],
            className,
          )}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          {side === 'bottom' ? (
            <div
              aria-hidden
              className="mx-auto mt-2 h-1 w-10 shrink-0 rounded-full bg-line-strong"
            />
          ) : null}
          <div className="flex shrink-0 items-start justify-between gap-4 px-5 pt-3 pb-1">
            <div className="min-w-0 pt-1">
              <RadixDialog.Title className="text-base font-semibold tracking-tight text-fg">
                {title}
              </RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-1 text-sm text-fg-muted">
                  {description}
                </RadixDialog.Description>
              ) : null}
            </div>
            <RadixDialog.Close
              aria-label="Close"
              className="-mr-2 flex size-9 shrink-0 items-center justify-center rounded-lg text-fg-subtle transition-colors hover:bg-soft hover:text-fg"
            >
              <X className="size-4" />
            </RadixDialog.Close>
          </div>
          <div className="flex min-h-0 flex-1 flex-col px-5 pt-3 pb-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
