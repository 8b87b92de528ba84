import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { noteSelection, readMessageSelection, type MessageTextSelection } from './selection';

const SETTLE_MS = 180;
/** After a tap on the toolbar, selection changes it causes are not the user's new selection. */
const TOOLBAR_GRACE_MS = 500;

/**
 * The selection inside a message, once the user has finished making it (mouse released, or a
 * touch selection settled). `frozen` keeps the current one while the user types a question.
 */
export function useMessageTextSelection(
  toolbar: RefObject<HTMLElement | null>,
  frozen: boolean,
): { selection: MessageTextSelection | null; dismiss: () => void } {
  const [selection, setSelection] = useState<MessageTextSelection | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const mouseDown = useRef(false);
  const toolbarUntil = useRef(0);
  const latest = useRef<MessageTextSelection | null>(null);
  const frozenRef = useRef(frozen);
  frozenRef.current = frozen;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      if (frozenRef.current || Date.now() < toolbarUntil.current) return;
      const current = readMessageSelection();
      noteSelection(current);
      latest.current = current;
      setSelection(current);
      if (!current) setDismissed(null);
    };
    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(read, delay);
    };
    const onSelectionChange = () => {
      const current = window.getSelection();
      if (current?.isCollapsed) noteSelection(null);
      if (!mouseDown.current) schedule(SETTLE_MS);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (toolbar.current?.contains(event.target as Node)) {
        toolbarUntil.current = Date.now() + TOOLBAR_GRACE_MS;
        return;
      }
      if (event.pointerType === 'mouse') mouseDown.current = true;
    };
    const onPointerUp = (event: PointerEvent) => {
      if (toolbar.current?.contains(event.target as Node)) return;
      mouseDown.current = false;
      schedule(10);
    };
    const onScroll = () => {
      if (!frozenRef.current) schedule(60);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onSelectionChange);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
    };
  }, [toolbar]);

  const dismiss = useCallback(() => {
    setDismissed(latest.current?.text ?? null);
  }, []);

  const visible = selection && selection.text !== dismissed ? selection : null;
  return { selection: visible, dismiss };
}
