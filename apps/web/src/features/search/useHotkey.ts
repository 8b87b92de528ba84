import { useEffect, useEffectEvent } from 'react';
import { matchesShortcut, type Shortcut } from './shortcuts';

/** Calls `handler` when `shortcut` is pressed anywhere in the page (also inside text fields). */
export function useHotkey(shortcut: Shortcut, handler: () => void) {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.repeat || event.isComposing || !matchesShortcut(event, shortcut)) return;
    event.preventDefault();
    handler();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      onKeyDown(event);
    };
    window.addEventListener('keydown', listener);
    return () => {
      window.removeEventListener('keydown', listener);
    };
  }, []);
}
