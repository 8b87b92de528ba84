import type { Color } from '@margin/shared';
import { Folder, FolderOpen } from 'lucide-react';
import { COLOR_META } from '../../components';
import { cn } from '../../lib/cn';

/** A folder glyph tinted with the workspace colour (outline grey when it has none). */
export function FolderIcon({ color, open }: { color: Color | null; open: boolean }) {
  const Icon = open ? FolderOpen : Folder;
  return (
    <Icon
      aria-hidden
      className={cn(
        'size-4 shrink-0',
        color ? [COLOR_META[color].text, 'fill-current/20'].join(' ') : 'text-fg-subtle',
      )}
    />
  );
}
