import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

const SIZES = { sm: 'max-w-sm', md: 'max-w-md', lg: 'max-w-xl', xl: 'max-w-3xl' } as const;

export const overlayClasses =
  'fixed inset-0 z-50 bg-scrim backdrop-blur-[2px] data-[state=closed]:animate-fade-out data-[state=open]:animate-fade-in';

export const dialogPanelClasses = cn(
  'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col',
  'rounded-2xl border border-line bg-raised text-fg shadow-dialog outline-none',
  'data-[state=closed]:animate-pop-out data-[state=open]:animate-pop-in',
);

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** Short explanation under the title; also the dialog's accessible description. */
  description?: ReactNode;
  size?: keyof typeof SIZES;
  /** Optional element that opens the dialog (rendered with asChild). */
  trigger?: ReactNode;
  /** Hide the × button (e.g. while a one-time secret is displayed and must be acknowledged). */
  hideClose?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * Modal dialog: focus is trapped, Escape and the × close it, focus returns to the trigger.
 * Put a <form> with <DialogFooter> inside `children` for form dialogs.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  size = 'md',
  trigger,
  hideClose = false,
  className,
  children,
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          className={cn(dialogPanelClasses, SIZES[size], className)}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="flex items-start justify-between gap-4 px-6 pt-5">
            <div className="min-w-0 pt-0.5">
              <RadixDialog.Title className="text-base font-semibold tracking-tight text-fg">
                {title}
              </RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-1 text-sm text-fg-muted">
                  {description}
                </RadixDialog.Description>
              ) : null}
            </div>
            {hideClose ? null : (
              <RadixDialog.Close
                aria-label="Close"
                className="-mt-0.5 -mr-2 flex size-8 shrink-0 items-center justify-center rounded-lg text-fg-subtle transition-colors hover:bg-soft hover:text-fg"
              >
                <X className="size-4" />
              </RadixDialog.Close>
            )}
          </div>
          <div className="scrollbar-thin min-h-0 flex-1 overflow-y-auto px-6 pt-4 pb-6">
            {children}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Right-aligned action row at the bottom of a dialog (stacked on narrow screens). */
export function DialogFooter({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div
      className={cn(
        'mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-end',
        className,
      )}
    >
      {children}
    </div>
  );
}

/** Wrap a button with this to make it close the surrounding dialog. */
export const DialogClose = RadixDialog.Close;
