import { useEffect, useEffectEvent, type RefObject } from 'react';

/** Something else handles Escape: a dialog, popover (role dialog), menu or list is open. */
function overlayOpen(): boolean {
  return (
    document.querySelector(
      '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]',
    ) !== null
  );
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** `/` focuses the composer (when not typing elsewhere); Esc stops a running answer. */
export function useChatShortcuts({
  inputRef,
  running,
  onStop,
}: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  running: boolean;
  onStop: () => void;
}) {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === 'Escape' && running && !overlayOpen()) {
      event.preventDefault();
      onStop();
      return;
    }
    if (
      event.key === '/' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !isEditable(event.target) &&
      !overlayOpen()
    ) {
      const input = inputRef.current;
      if (!input || input.disabled) return;
      event.preventDefault();
      input.focus();
    }
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
