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

/** The last element outside any menu that had focus (menu items come and go with their menu). */
let lastFocusedOutsideMenus: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        target !== document.body &&
        !target.closest('[role="menu"]')
      )
        lastFocusedOutsideMenus = target;
    },
    true,
  );
}

/**
 * Where focus should go back when something opened now (a panel, a dialog) closes: the focused
 * element, or — when focus is in a menu or already lost because a menu item opened it — the last
 * element outside menus that had focus (typically the menu's trigger).
 */
export function focusReturnTarget(): HTMLElement | null {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && !active.closest('[role="menu"]'))
    return active;
  return lastFocusedOutsideMenus?.isConnected ? lastFocusedOutsideMenus : null;
}
