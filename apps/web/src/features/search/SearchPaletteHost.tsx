import { lazy, Suspense, useState } from 'react';
import type { SearchPaletteProps } from './SearchPalette';

const loadPalette = () => import('./SearchPalette');
const SearchPalette = lazy(async () => ({ default: (await loadPalette()).SearchPalette }));

/** Starts downloading the palette's code early (hover/focus on the search button). */
export function preloadSearchPalette(): void {
  void loadPalette();
}

/**
 * Mounts the lazily loaded search palette once it has been opened (it then stays mounted so it
 * can animate closed). Nothing is downloaded until the first open or preload.
 */
export function SearchPaletteHost({ open, onOpenChange }: SearchPaletteProps) {
  const [used, setUsed] = useState(open);
  if (open && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <SearchPalette open={open} onOpenChange={onOpenChange} />
    </Suspense>
  );
}
