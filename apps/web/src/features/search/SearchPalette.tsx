import { Dialog as RadixDialog } from 'radix-ui';
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
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed top-[12dvh] left-1/2 z-50 flex max-h-[min(600px,76dvh)] w-[calc(100vw-1rem)] max-w-[640px] -translate-x-1/2 flex-col overflow-hidden rounded-2xl border border-line bg-raised text-fg shadow-dialog outline-none data-[state=closed]:animate-pop-out data-[state=open]:animate-pop-in max-sm:top-2 max-sm:max-h-[calc(100dvh-1rem)]"
        >
          <RadixDialog.Title className="sr-only">Search conversations</RadixDialog.Title>
          <SearchBody
            onOpenHit={(hit) => {
              onOpenChange(false);
              void navigate(`/c/${hit.conversationId}/m/${hit.messageId}`);
            }}
          />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
