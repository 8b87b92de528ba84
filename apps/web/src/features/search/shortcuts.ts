/** Keyboard shortcuts: matching, and how to print them for this platform. */
export interface Shortcut {
  /** Lower-case letter. */
  key: string;
  /** Ctrl, or ⌘ on Apple devices (either is accepted everywhere). */
  mod?: boolean;
  shift?: boolean;
}

export const SHORTCUTS = {
  search: { key: 'k', mod: true },
  newChat: { key: 'o', mod: true, shift: true },
} as const satisfies Record<string, Shortcut>;

const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (mod !== (shortcut.mod ?? false) || event.shiftKey !== (shortcut.shift ?? false)) return false;
  if (event.altKey) return false;
  // `code` keeps the shortcut working on non-Latin keyboard layouts.
  return (
    event.key.toLowerCase() === shortcut.key || event.code === `Key${shortcut.key.toUpperCase()}`
  );
}

/** The keys to show, e.g. ["Ctrl", "Shift", "O"] or ["⌘", "⇧", "O"]. */
export function shortcutKeys(shortcut: Shortcut): string[] {
  const keys: string[] = [];
  if (shortcut.mod) keys.push(apple ? '⌘' : 'Ctrl');
  if (shortcut.shift) keys.push(apple ? '⇧' : 'Shift');
  keys.push(shortcut.key.toUpperCase());
  return keys;
}

/** "Ctrl+Shift+O" / "⌘⇧O", for tooltips. */
export function shortcutText(shortcut: Shortcut): string {
  return shortcutKeys(shortcut).join(apple ? '' : '+');
}

/** The `aria-keyshortcuts` value, e.g. "Control+Shift+O". */
export function ariaKeyShortcuts(shortcut: Shortcut): string {
  const keys: string[] = [];
  if (shortcut.mod) keys.push(apple ? 'Meta' : 'Control');
  if (shortcut.shift) keys.push('Shift');
  keys.push(shortcut.key.toUpperCase());
  return keys.join('+');
}
