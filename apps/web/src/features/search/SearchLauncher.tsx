import { Search } from 'lucide-react';
import { Kbd } from '../../components';
import { preloadSearchPalette } from './SearchPaletteHost';
import { ariaKeyShortcuts, SHORTCUTS, shortcutKeys } from './shortcuts';

/** The sidebar's "Search chats" button, showing its shortcut. */
export function SearchLauncher({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      type="button"
      onClick={onOpen}
      onPointerEnter={preloadSearchPalette}
      onFocus={preloadSearchPalette}
      aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.search)}
      className="flex h-9 w-full items-center gap-2.5 rounded-lg px-2.5 text-sm text-fg-muted transition-colors hover:bg-soft hover:text-fg"
    >
      <Search className="size-4 shrink-0" aria-hidden />
      <span className="flex-1 text-left">Search chats</span>
      <span className="flex items-center gap-0.5 max-md:hidden" aria-hidden>
        {shortcutKeys(SHORTCUTS.search).map((key) => (
          <Kbd key={key}>{key}</Kbd>
        ))}
      </span>
    </button>
  );
}
