import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';
import { ConfirmDialog } from '../../components';

/**
 * While `dirty`, leaving (another prompt, Back, another page, closing the tab) asks first.
 * `allowNextNavigation()` lets one navigation through (e.g. after deleting the prompt).
 */
export function useUnsavedGuard(dirty: boolean): {
  allowNextNavigation: () => void;
  dialog: ReactNode;
} {
  const allowed = useRef(false);
  const proceeding = useRef(false);

  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => {
      if (allowed.current) {
        allowed.current = false;
        return false;
      }
      return (
        dirty &&
        (currentLocation.pathname !== nextLocation.pathname ||
          currentLocation.search !== nextLocation.search)
      );
    },
    [dirty],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);

  const allowNextNavigation = useCallback(() => {
    allowed.current = true;
  }, []);

  const dialog = (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && !proceeding.current) blocker.reset?.();
        proceeding.current = false;
      }}
      title="Discard unsaved changes?"
      description="Your edits to this prompt have not been saved."
      confirmLabel="Discard changes"
      cancelLabel="Keep editing"
      tone="danger"
      onConfirm={() => {
        proceeding.current = true;
        blocker.proceed?.();
      }}
    />
  );
  return { allowNextNavigation, dialog };
}
