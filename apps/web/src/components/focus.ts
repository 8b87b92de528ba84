/**
 * True when focus sits on a real element outside any menu: something a menu item opened took it
 * on purpose, so the closing menu must not pull it back to its trigger.
 */
export function focusMovedElsewhere(): boolean {
  const active = document.activeElement;
  return (
    active instanceof HTMLElement &&
    active !== document.body &&
    active.isConnected &&
    !active.closest('[role="menu"]')
  );
}
