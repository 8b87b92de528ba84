import { Dialog as RadixDialog } from 'radix-ui';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { overlayClasses } from '../../components/Dialog';
import { SearchBody } from './SearchBody';

export interface SearchPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * Ctrl/⌘+K: full-text search over all the user's messages. Loaded lazily (see SearchPaletteHost).
 * The body mounts only while open, so every opening starts from an empty query.
 */
export function SearchPalette({ open, onOpenChange }: SearchPaletteProps) {
  const navigate = useNavigate();
  // Opened by a shortcut, the dialog has no trigger to give the focus back to: remember the
  // element that had it, so closing does not drop the focus on <body>.
  const opener = useRef<HTMLElement | null>(null);
  const openedHit = useRef(false);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          aria-describedby={undefined}
          onFocus={(event) => {
            // The first focus inside comes from the element that had it before (the search input
            // takes it on mount, so Radix's onOpenAutoFocus never runs).
            const from = event.relatedTarget;
            if (opener.current === null && from instanceof HTMLElement) {
              if (!event.currentTarget.contains(from)) opener.current = from;
            }
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const back = opener.current;
            const hit = openedHit.current;
            opener.current = null;
            openedHit.current = false;
            // After opening a hit, the conversation page puts the focus in its composer.
            if (!hit && back?.isConnected) back.focus();
          }}
          className="fixed top-[12dvh] left-1/2 z-50 flex max-h-[min(600px,76dvh)] w-[calc(100vw-1rem)] max-w-[640px] -translate-x-1/2 flex-col overflow-hidden rounded-2xl border border-line bg-raised text-fg shadow-dialog outline-none data-[state=closed]:animate-pop-out data-[state=open]:animate-pop-in max-sm:top-2 max-sm:max-h-[calc(100dvh-1rem)]"
        >
          <RadixDialog.Title className="sr-only">Search conversations</RadixDialog.Title>
          <SearchBody
            onOpenHit={(hit) => {
              openedHit.current = true;
              onOpenChange(false);
              void navigate(`/c/${hit.conversationId}/m/${hit.messageId}`, {
                state: { focusComposer: true },
              });
            }}
          />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
